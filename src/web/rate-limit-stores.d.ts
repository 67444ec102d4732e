// @fastify/rate-limit ships its two stores without type declarations for their own paths.
declare module '@fastify/rate-limit/store/LocalStore.js' {
  const LocalStore: new (continueExceeding: boolean | undefined, exponentialBackoff: boolean | undefined, cache?: number) => import('./rate-limit-store').RateStore;
  export default LocalStore;
}
declare module '@fastify/rate-limit/store/RedisStore.js' {
  const RedisStore: new (
    continueExceeding: boolean | undefined,
    exponentialBackoff: boolean | undefined,
    redis: import('ioredis').Redis,
    key?: string,
  ) => import('./rate-limit-store').RateStore;
  export default RedisStore;
}
