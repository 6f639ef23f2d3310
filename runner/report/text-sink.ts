/** Where a reporter writes text: a stream (process.stdout), a file stream, or a test's string buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/** A sink that keeps everything written, for tests and for `--json` consumers in process. */
export class StringSink implements TextSink {
  text = '';
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}
