// The global setup and teardown run in jest's parent process, so a module-level slot carries the
// stop function from one to the other.
let stopInfrastructure: (() => Promise<void>) | undefined;

export function setTeardown(stop: () => Promise<void>): void {
  stopInfrastructure = stop;
}

export async function runTeardown(): Promise<void> {
  const stop = stopInfrastructure;
  stopInfrastructure = undefined;
  await stop?.();
}
