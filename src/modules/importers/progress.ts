/** A progress bar on a terminal's stderr; silent when stderr is not a terminal (logs, pipes, CI). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(read: number, total: number): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = -1;
  const started = Date.now();
  return {
    update(read, total) {
      const pct = total > 0 ? Math.min(100, Math.floor((read / total) * 100)) : 100;
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const mb = (n: number) => (n / 1048576).toFixed(1);
      const secs = ((Date.now() - started) / 1000).toFixed(0);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${mb(read)}/${mb(total)} MB ${secs}s`);
    },
    done() {
      if (last >= 0) stream.write('\n');
    },
  };
}
