import type { ChildProcess } from 'node:child_process';
import { BillingApiClient, LOCAL_SERVICES, startServiceProcess, stopProcess, waitForReadiness } from '@mb/devstack';
import { testAuthEnvironment, testServiceEnvironment, testServiceLogFile, testToken } from '@mb/testing';

/** What a journey over contract, milestone and invoicing needs: their API as a project manager, and a way to stop them. */
export interface BillingServices {
  readonly api: BillingApiClient;
  stop(): Promise<void>;
}

const BILLING_SERVICES = LOCAL_SERVICES.filter((service) => ['contract-service', 'milestone-service', 'invoicing-service'].includes(service.name));

/**
 * Starts the contract, milestone and invoicing services from their build on consecutive ports
 * (HTTP from `firstPort`, gRPC from `firstGrpcPort`), on the suite's database and broker, and
 * waits until each is ready. The client speaks as a project manager; `api.as(token)` for others.
 */
export async function startBillingServices(firstPort: number, firstGrpcPort: number): Promise<BillingServices> {
  const auth = await testAuthEnvironment();
  const urls: Record<string, string> = {};
  const children: ChildProcess[] = BILLING_SERVICES.map((service, index) => {
    urls[service.name.replace('-service', '')] = `http://127.0.0.1:${firstPort + index}`;
    return startServiceProcess({
      serviceName: service.name,
      logFile: testServiceLogFile(service.name),
      env: {
        HTTP_PORT: String(firstPort + index),
        GRPC_PORT: String(firstGrpcPort + index),
        ...testServiceEnvironment(service.name),
        ...auth,
        LOG_LEVEL: 'warn',
      },
    });
  });
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child, 20_000)));
  };
  try {
    await Promise.all(BILLING_SERVICES.map((service, index) => waitForReadiness(`http://127.0.0.1:${firstPort + index}`, children[index], 120_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  const api = new BillingApiClient(urls as unknown as ConstructorParameters<typeof BillingApiClient>[0], await testToken('project_manager'));
  return { api, stop };
}
