/* journeys: learning records sent to an LRS (filled in by the LMS issue). */
