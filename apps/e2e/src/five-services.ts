import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BillingApiClient, LOCAL_SERVICES, repositoryRoot, startServiceProcess, stopProcess, waitForReadiness } from '@mb/devstack';
import { testAuthEnvironment, testServiceEnvironment, testServiceLogFile, testToken } from '@mb/testing';

/** An email as the mail sink caught it (its HTTP view at /messages). */
export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number; firstBytes: string }[];
}

/** Where the five services and the SMTP sink listen: HTTP and gRPC on consecutive ports from the first. */
export interface FiveServicePorts {
  readonly firstPort: number;
  readonly firstGrpcPort: number;
  readonly smtpPort: number;
  readonly mailViewPort: number;
  /** The identity provider the services trust, when not the test's local issuer (a journey through an OIDC sign-in). */
  readonly identityProvider?: StaffIdentityProvider;
}

/** An identity provider as the services see it: the settings that make them trust it and how staff get tokens from it. */
export interface StaffIdentityProvider {
  readonly serviceAuthEnvironment: Record<string, string>;
  staffToken(role: 'admin' | 'project_manager' | 'finance' | 'service'): Promise<string>;
}

/** The running stack of a journey: the APIs as a project manager, finance and admin, the mailbox, and a way to stop it all. */
export interface FiveServices {
  readonly api: BillingApiClient;
  readonly asFinance: BillingApiClient;
  readonly asAdmin: BillingApiClient;
  /** Each service's base URL, by short name (contract, milestone, invoicing, notification, collections). */
  readonly urls: Readonly<Record<string, string>>;
  /** Where the client portal is served when a journey starts it (firstPort + 9): contract-service's sign-in links point there. */
  readonly portalUrl: string;
  /** Every email the sink has caught so far, from every suite that wrote to it. */
  mailbox(): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

/**
 * Starts a real SMTP server process (the mail sink) and the five services from their build, on the
 * suite's database and broker, with the test clock under the suite's control, and waits until each
 * is ready. The services reach each other as a deployment wires them: notification fetches the
 * documents it attaches (invoice PDFs from invoicing, plan schedules from collections) and
 * collections gathers a case file from every other service, all as a service.
 */
export async function startFiveServices(ports: FiveServicePorts): Promise<FiveServices> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child, 20_000)));
  };
  try {
    children.push(await startMailSink(ports));
    const provider = ports.identityProvider;
    const auth = provider ? provider.serviceAuthEnvironment : await testAuthEnvironment();
    const tokenFor = (role: 'admin' | 'project_manager' | 'finance' | 'service') => (provider ? provider.staffToken(role) : testToken({ role, expiresInSeconds: 4 * 3600 }));
    const urls: Record<string, string> = {};
    LOCAL_SERVICES.forEach((service, index) => {
      urls[service.name.replace('-service', '')] = `http://127.0.0.1:${ports.firstPort + index}`;
    });
    const serviceToken = await tokenFor('service');
    const portalUrl = `http://127.0.0.1:${ports.firstPort + 9}`;
    const calls: Record<string, Record<string, string>> = {
      // sign-in links point at the client portal, served beside the services where a test runs it
      'contract-service': { PORTAL_PUBLIC_URL: portalUrl },
      'notification-service': { INVOICING_API_URL: urls.invoicing, INVOICING_API_CREDENTIAL: serviceToken, COLLECTIONS_API_URL: urls.collections, COLLECTIONS_API_CREDENTIAL: serviceToken, PORTAL_PUBLIC_URL: portalUrl },
      'collections-service': {
        CONTRACT_API_URL: urls.contract,
        MILESTONE_API_URL: urls.milestone,
        INVOICING_API_URL: urls.invoicing,
        NOTIFICATION_API_URL: urls.notification,
        SERVICE_API_CREDENTIAL: serviceToken,
      },
    };
    const services = LOCAL_SERVICES.map((service, index) =>
      startServiceProcess({
        serviceName: service.name,
        logFile: testServiceLogFile(service.name),
        env: {
          HTTP_PORT: String(ports.firstPort + index),
          GRPC_PORT: String(ports.firstGrpcPort + index),
          ...testServiceEnvironment(service.name),
          ...auth,
          LOG_LEVEL: 'warn',
          CLOCK_CONTROL: 'enabled',
          SMTP_URL: `smtp://127.0.0.1:${ports.smtpPort}`,
          // API keys (mbk_…) are checked at contract-service, as a deployment wires it.
          API_KEY_SERVICE_URL: urls.contract,
          ...(calls[service.name] ?? {}),
        },
      }),
    );
    children.push(...services);
    await Promise.all(services.map((child, index) => waitForReadiness(`http://127.0.0.1:${ports.firstPort + index}`, child, 120_000)));
    const api = new BillingApiClient(urls as unknown as ConstructorParameters<typeof BillingApiClient>[0], await tokenFor('project_manager'));
    return {
      api,
      asFinance: api.as(await tokenFor('finance')),
      asAdmin: api.as(await tokenFor('admin')),
      urls,
      portalUrl,
      mailbox: async () => (await (await fetch(`http://127.0.0.1:${ports.mailViewPort}/messages`)).json()) as CaughtMail[],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startMailSink(ports: FiveServicePorts): Promise<ChildProcess> {
  const sink = spawn(process.execPath, [join(repositoryRoot(), 'dist', 'tools', 'stack', 'mail-sink.js')], {
    env: { ...process.env, SMTP_PORT: String(ports.smtpPort), HTTP_PORT: String(ports.mailViewPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    sink.stdout?.once('data', () => resolve());
    sink.once('exit', (code) => reject(new Error(`mail sink exited with ${code}`)));
  });
  return sink;
}
