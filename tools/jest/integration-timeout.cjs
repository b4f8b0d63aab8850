// Integration tests wait on a real broker and database; a generous ceiling, never an assertion.
jest.setTimeout(60_000);
