/** Values test/support/global-setup.ts hands to every test file through vitest's provide/inject. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the one DynamoDB Local started for the whole run. */
    dynamoEndpoint: string;
  }
}

export {};
