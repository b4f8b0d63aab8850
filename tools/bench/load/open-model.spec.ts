import { runOpenModel } from './open-model';

describe('runOpenModel', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends request i at t0 + i/rate while the earlier ones are still unanswered, and times each from its scheduled instant', async () => {
    // given a system that answers nothing until told, and a fake clock
    jest.useFakeTimers();
    const answers: ((status: number) => void)[] = [];
    const sentAfter: number[] = [];
    const origin = performance.now();
    const run = runOpenModel({
      rate: 10,
      count: 5,
      send: () => {
        sentAfter.push(performance.now() - origin);
        return new Promise<number>((resolve) => answers.push(resolve));
      },
    });
    // when half a second passes with no answer
    await jest.advanceTimersByTimeAsync(500);
    // then all five were sent 100 ms apart all the same (open model: arrivals do not wait for answers)
    expect(sentAfter).toEqual([0, 100, 200, 300, 400]);
    // and when they are answered 50 ms later, each is timed from its own scheduled instant
    await jest.advanceTimersByTimeAsync(50);
    answers.forEach((answer) => answer(200));
    const result = await run;
    expect(result.requests.map((request) => request.status)).toEqual([200, 200, 200, 200, 200]);
    expect(result.requests.map((request) => Math.round(request.answeredAt - request.scheduledAt))).toEqual([550, 450, 350, 250, 150]);
  });

  it('counts a request that failed without an answer as status 0, and still sends the rest', async () => {
    jest.useFakeTimers();
    const run = runOpenModel({ rate: 100, count: 3, send: async (index) => (index === 1 ? Promise.reject(new Error('connection refused')) : 200) });
    await jest.advanceTimersByTimeAsync(100);
    const result = await run;
    expect(result.requests.map((request) => request.status)).toEqual([200, 0, 200]);
  });
});
