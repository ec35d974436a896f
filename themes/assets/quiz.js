/* journeys: graded quiz questions (filled in by the graded-questions issue). */
