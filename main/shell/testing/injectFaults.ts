// Loaded with `--import` ahead of browserMain by browserMain.test.ts: a line on stdin makes the
// process throw from a timer and leave a promise rejected, the two things Node ends a process for
// unless someone handles them. The messages hold a phone number, which the log must not repeat.
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  setTimeout(() => {
    throw new Error('Arayan 905321112233 için beklenmeyen hata');
  }, 0);
  void Promise.reject(new TypeError('Arayan 905321112233 reddedildi'));
});
// The test's end of the pipe closed: the test runner is gone (killed, timed out), so is this desk.
process.stdin.on('end', () => process.exit(0));
