/** A one-line progress bar on standard error (a TTY), or a line every few seconds otherwise. */
export function progressBar(total: number, label: string) {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return {
    update(done: number, counts: string) {
      if (tty) {
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : width;
        process.stderr.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${counts}\x1b[K`,
        );
      } else if (Date.now() - lastLine > 2_000 || done === total) {
        lastLine = Date.now();
        process.stderr.write(`${label} ${done}/${total} ${counts}\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
