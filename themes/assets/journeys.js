/* journeys: in-browser behaviour for learning-journey sites (progress, review ticks). */
