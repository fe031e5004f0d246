import { afterAll, beforeAll } from 'vitest';
import { engines } from '../db/testEngines.js';
import { startTestServer, type TestServer } from '../testSupport.js';

/**
 * The server the department page's tests read the page from: started (first engine, default
 * options) before the enclosing `describe`'s tests and closed after them. Call it inside that
 * `describe`; what it returns gives the running server.
 */
export function departmentPageServer(): () => TestServer {
  let s: TestServer | undefined;
  beforeAll(async () => {
    s = await startTestServer(engines[0]!);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('the department page test server has not started');
    return s;
  };
}
