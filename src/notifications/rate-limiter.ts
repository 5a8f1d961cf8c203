/** A token bucket: at most `perSecond` sends per second from this process, with a burst of one second's worth. */
export interface RateLimiter {
  take(): Promise<void>;
}

export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * perSecond);
    last = t;
  };
  return {
    take() {
      // Serialise waiters so they are served in order.
      const turn = queue.then(async () => {
        refill();
        if (tokens < 1) {
          await new Promise((r) => setTimeout(r, Math.ceil(((1 - tokens) / perSecond) * 1000)));
          refill();
        }
        tokens -= 1;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
