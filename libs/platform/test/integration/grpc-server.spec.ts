import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { DataSource } from 'typeorm';
import { GRPC_APIS } from '@mb/grpc';
import { DomainRejection } from '@mb/kernel';
import { GrpcTestClient, messagingTablesSql, testAdminDatabaseUrl, testAuthEnvironment, testServiceKafkaEnvironment, uniqueName } from '@mb/testing';
import { AccessPolicy, bootstrapService, BootstrappedService, GrpcController, GrpcListenError, serviceConfigSchema, type ServiceDefinition, validRequest } from '../../src';
import { IsPrefixedId } from '../../src/http/validation';

// The platform's gRPC server on its own, with a stand-in service borrowing the collections API:
// where it listens, how its errors leave, and that it closes with the application.

class GetCaseRequest {
  @IsPrefixedId('case', 'a case id')
  case_id!: string;
}

// GetCase names every role but auditor; ListCases, finance only.
@GrpcController()
@AccessPolicy<ProbeGrpcController>({ listCases: ['finance', 'admin'], getCase: ['admin', 'finance', 'project_manager', 'client', 'service'] })
class ProbeGrpcController {
  @GrpcMethod(GRPC_APIS.collections.serviceName, 'ListCases')
  listCases() {
    return { cases: [] };
  }

  @GrpcMethod(GRPC_APIS.collections.serviceName, 'GetCase')
  async getCase(request: object) {
    const { case_id } = await validRequest(GetCaseRequest, request);
    if (case_id === 'case_broken') throw new Error('relation "secret_table" does not exist');
    throw new DomainRejection('not_found', 'case.not_found', `no collections case ${case_id}`);
  }
}

@Module({ controllers: [ProbeGrpcController] })
class ProbeModule {}

const configSchema = serviceConfigSchema(3999, 50999);

describe('the gRPC server of a service', () => {
  const schema = uniqueName('grpc_probe');
  let admin: DataSource;
  const definition: ServiceDefinition<typeof configSchema> = {
    name: 'grpc-probe-service',
    schema,
    configSchema,
    migrations: [],
    grpc: GRPC_APIS.collections,
    rootModule: () => ProbeModule,
  };
  const environment = async () => ({
    DATABASE_URL: testAdminDatabaseUrl(),
    // The administrator owns the test's own schema: it migrates and installs the timer engine too.
    MIGRATION_DATABASE_URL: testAdminDatabaseUrl(),
    ...testServiceKafkaEnvironment('collections-service'),
    LOG_LEVEL: 'fatal',
    ...(await testAuthEnvironment()),
  });

  beforeAll(async () => {
    admin = new DataSource({ type: 'postgres', url: testAdminDatabaseUrl() });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
    for (const statement of messagingTablesSql(schema)) await admin.query(statement);
  });

  afterAll(async () => {
    await admin?.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.destroy();
  });

  describe('bootstrapped in-process', () => {
    let service: BootstrappedService<unknown>;
    let client: GrpcTestClient;

    beforeAll(async () => {
      service = await bootstrapService(definition, await environment());
      client = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress);
    });

    afterAll(async () => {
      client?.close();
      await service?.close();
    });

    it('listens on a port the OS picked, not GRPC_PORT, so that test files never collide', async () => {
      expect(service.grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(service.grpcAddress).not.toBe('127.0.0.1:50999');
      await expect(client.call('ListCases', { client_id: 'cli_1' })).resolves.toEqual({ cases: [] });
    });

    it('answers a business rejection with its status and stable code', async () => {
      const refusal = await client.refusal('GetCase', { case_id: 'case_1' });
      expect([refusal.code, refusal.details, refusal.errorCode]).toEqual([status.NOT_FOUND, 'no collections case case_1', 'case.not_found']);
    });

    it('answers an invalid request with INVALID_ARGUMENT naming the field and rule', async () => {
      const refusal = await client.refusal('GetCase', { case_id: 'inv_1' });
      expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'case_id', rule: 'matches' })]);
    });

    it('answers a call without a token UNAUTHENTICATED, before reading its request', async () => {
      // given a client sending no authorization metadata
      const anonymous = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress, null);
      try {
        // when it calls, even with an invalid request, then the call is refused as unauthenticated
        const refusal = await anonymous.refusal('GetCase', { case_id: 'inv_1' });
        expect([refusal.code, refusal.errorCode]).toEqual([status.UNAUTHENTICATED, 'auth.token_missing']);
      } finally {
        anonymous.close();
      }
    });

    it('answers a token from another issuer, or expired, UNAUTHENTICATED', async () => {
      const expired = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress, { role: 'admin', expiresInSeconds: -120 });
      try {
        const refusal = await expired.refusal('ListCases', { client_id: 'cli_1' });
        expect([refusal.code, refusal.errorCode, refusal.details]).toEqual([status.UNAUTHENTICATED, 'auth.token_invalid', 'the access token has expired']);
      } finally {
        expired.close();
      }
    });

    it('answers a role its policy does not name PERMISSION_DENIED', async () => {
      // given an auditor, whom the probe's policy leaves out of both operations
      const auditor = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress, 'auditor');
      try {
        const refusal = await auditor.refusal('ListCases', { client_id: 'cli_1' });
        expect([refusal.code, refusal.errorCode]).toEqual([status.PERMISSION_DENIED, 'auth.role_not_allowed']);
      } finally {
        auditor.close();
      }
    });

    it('answers an unexpected error with INTERNAL, keeping what went wrong out of the answer', async () => {
      const refusal = await client.refusal('GetCase', { case_id: 'case_broken' });
      expect([refusal.code, refusal.errorCode]).toEqual([status.INTERNAL, 'internal_error']);
      expect(JSON.stringify(refusal)).not.toContain('secret_table');
    });
  });

  it('stops listening when the application closes', async () => {
    // given a service answering on its port
    const service = await bootstrapService(definition, await environment());
    const client = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress);
    await client.call('ListCases', { client_id: 'cli_1' });
    // when it is closed, with the client still connected
    await service.close();
    // then the port answers no more
    const refusal = await client.refusal('ListCases', { client_id: 'cli_1' });
    expect(refusal.code).toBe(status.UNAVAILABLE);
    client.close();
  });

  it('refuses to start on a GRPC_PORT another process holds, naming the variable', async () => {
    // given a port in use
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      // when the service starts on it, as runService starts it
      const starting = bootstrapService(definition, { ...(await environment()), GRPC_PORT: String(port) }, { grpcPort: 'configured' });
      // then it fails with the variable and the address, having closed what it opened
      await expect(starting).rejects.toThrow(GrpcListenError);
      await expect(starting).rejects.toThrow(`grpc-probe-service: cannot serve gRPC on 127.0.0.1:${port} (GRPC_PORT)`);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
