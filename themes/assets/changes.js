/* journeys: steps changed since the learner marked their workflow learned (filled in by the learners' issue). */
