export * from './grpc-apis';
export * from './proto-values';
