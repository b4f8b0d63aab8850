// Journeys start whole services; a generous ceiling, never an assertion.
jest.setTimeout(180_000);
