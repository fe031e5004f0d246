import { z } from 'zod';

// Zod probes `new Function` for its JIT; our CSP forbids eval and Chromium reports every probe
// as a policy violation even though zod swallows the error. Imported first by main.tsx.
z.config({ jitless: true });
