export interface SnapshotServerOptions {
  root: string;
  upstream: string;
  listen: string;
  brotli?: boolean;
}
export function snapshotServer(o: SnapshotServerOptions): string;
export function snapshotNginxConf(o: SnapshotServerOptions & { prefix: string; workers?: number; extra?: string }): string;
