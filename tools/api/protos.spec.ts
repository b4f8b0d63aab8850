// The gRPC contracts: the published copies in docs/api/proto are the sources in libs/grpc/proto,
// every API loads as its servers load it, the files keep the buf style guide's naming rules, and
// every value a service's domain can hold has its proto enum value (proto-loader would silently
// send an unknown one as UNSPECIFIED).
import { loadSync, type EnumTypeDefinition, type MessageTypeDefinition, type PackageDefinition, type ServiceDefinition } from '@grpc/proto-loader';
import { GRPC_APIS, GRPC_LOADER_OPTIONS, protoPathOf } from '@mb/grpc';
import { CONTRACT_STATUSES } from '../../apps/contract-service/src/domain/contract/contract-status';
import { BILLING_TRIGGERS as CONTRACT_BILLING_TRIGGERS } from '../../apps/contract-service/src/domain/contract/schedule';
import { BILLING_TRIGGERS as MILESTONE_BILLING_TRIGGERS, MILESTONE_STATUSES } from '../../apps/milestone-service/src/domain/milestone/milestone-status';
import { INVOICE_STATUSES } from '../../apps/invoicing-service/src/domain/invoice/invoice-status';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../../apps/notification-service/src/domain/delivery/delivery-status';
import { CASE_STATUSES } from '../../apps/collections-service/src/domain/case/case-status';
import { PUBLISHED_PROTO_ROOT, protosUnder, SOURCE_PROTO_ROOT } from './proto-files';

const apis = Object.entries(GRPC_APIS);
const definitions = new Map(apis.map(([name, api]) => [name, loadSync(protoPathOf(api), GRPC_LOADER_OPTIONS)]));

function definitionOf(name: string): PackageDefinition {
  const definition = definitions.get(name);
  if (!definition) throw new Error(`no API ${name}`);
  return definition;
}

/** The definitions an API's own package declares (not the imported well-known types). */
function ownEntries(name: keyof typeof GRPC_APIS) {
  const prefix = `${GRPC_APIS[name].packageName}.`;
  return Object.entries(definitionOf(name))
    .filter(([fullName]) => fullName.startsWith(prefix))
    .map(([fullName, definition]) => ({ name: fullName.slice(prefix.length), definition }));
}

type AnyMessageType = MessageTypeDefinition<object, object>;
const nameOf = (message: AnyMessageType): string => (message.type as { name: string }).name;
const isEnum = (definition: unknown): definition is EnumTypeDefinition => (definition as EnumTypeDefinition).format?.includes('EnumDescriptorProto') ?? false;
const isMessage = (definition: unknown): definition is AnyMessageType => (definition as AnyMessageType).format?.includes('DescriptorProto') && !isEnum(definition);
const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const enumValuesOf = (name: keyof typeof GRPC_APIS, enumName: string): string[] =>
  ((definitionOf(name)[`${GRPC_APIS[name].packageName}.${enumName}`] as EnumTypeDefinition).type as { value: { name: string }[] }).value.map((value) => value.name);

describe('the gRPC protos', () => {
  it('are published in docs/api/proto exactly as libs/grpc/proto holds them (node tools/build.mjs && node dist/tools/api/publish-protos.js)', () => {
    const sources = protosUnder(SOURCE_PROTO_ROOT);
    const published = protosUnder(PUBLISHED_PROTO_ROOT);
    expect([...published.keys()]).toEqual([...sources.keys()]);
    for (const [file, text] of sources) expect({ file, text: published.get(file) }).toEqual({ file, text });
  });

  it('are one file per service, in a folder named after its versioned package', () => {
    expect([...protosUnder(SOURCE_PROTO_ROOT).keys()]).toEqual(apis.map(([, api]) => api.protoFile).sort());
    for (const [, api] of apis) expect(api.protoFile).toBe(`${api.packageName.replace(/\./g, '/')}/${api.packageName.split('.')[1]}.proto`);
  });

  it.each(apis)('declare the %s service in its package', (name, api) => {
    const service = definitionOf(name)[`${api.packageName}.${api.serviceName}`] as ServiceDefinition;
    expect(Object.keys(service).length).toBeGreaterThan(0);
  });

  it.each(apis)('give every RPC of %s its own <Rpc>Request and <Rpc>Response, unary', (name, api) => {
    const service = definitionOf(name)[`${api.packageName}.${api.serviceName}`] as ServiceDefinition;
    const messagesUsed: string[] = [];
    for (const method of Object.values(service)) {
      const rpc = method.path.split('/').pop() as string;
      const request = nameOf(method.requestType);
      const response = nameOf(method.responseType);
      expect({ rpc, request, response }).toEqual({
        rpc,
        request: `${rpc}Request`,
        response: `${rpc}Response`,
      });
      expect([method.requestStream, method.responseStream]).toEqual([false, false]);
      messagesUsed.push(request, response);
    }
    expect(new Set(messagesUsed).size).toBe(messagesUsed.length);
  });

  it.each(apis)('start every enum of %s at <ENUM>_UNSPECIFIED = 0 and prefix every value', (name) => {
    const enums = ownEntries(name as keyof typeof GRPC_APIS).filter(({ definition }) => isEnum(definition));
    expect(enums.length).toBeGreaterThan(0);
    for (const { name: enumName, definition } of enums) {
      const values = (definition.type as { value: { name: string; number: number }[] }).value;
      const prefix = upperSnake(enumName);
      expect(values[0]).toMatchObject({ name: `${prefix}_UNSPECIFIED`, number: 0 });
      expect(values.filter((value) => !value.name.startsWith(`${prefix}_`))).toEqual([]);
    }
  });

  it.each(apis)('name every field of %s in lower_snake_case', (name) => {
    const messages = ownEntries(name as keyof typeof GRPC_APIS).filter(({ definition }) => isMessage(definition));
    const fields = messages.flatMap(({ name: message, definition }) =>
      ((definition as AnyMessageType).type as { field: { name: string }[] }).field.map((field) => `${message}.${field.name}`),
    );
    expect(fields.filter((field) => !/^[A-Za-z0-9]+\.[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(field))).toEqual([]);
  });

  it.each([
    ['contract', 'ContractStatus', CONTRACT_STATUSES],
    ['contract', 'BillingTrigger', CONTRACT_BILLING_TRIGGERS],
    ['milestone', 'MilestoneStatus', MILESTONE_STATUSES],
    ['milestone', 'BillingTrigger', MILESTONE_BILLING_TRIGGERS],
    ['invoicing', 'InvoiceStatus', INVOICE_STATUSES],
    ['notification', 'DeliveryStatus', DELIVERY_STATUSES],
    ['notification', 'DeliveryChannel', DELIVERY_CHANNELS],
    ['notification', 'AttemptOutcome', ['sent', 'failed']],
    ['collections', 'CaseStatus', CASE_STATUSES],
  ] as const)('have a %s %s value for every value the domain holds', (name, enumName, domainValues) => {
    const values = enumValuesOf(name, enumName);
    const prefix = upperSnake(enumName);
    expect(domainValues.map((value) => `${prefix}_${value.toUpperCase()}`).filter((value) => !values.includes(value))).toEqual([]);
  });
});
