// class-transformer ships this module's types under types/, which its cjs/ path does not map.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
