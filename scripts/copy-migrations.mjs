// The compiled Electron build reads migrations next to db/openDatabase.js, as the sources do.
import { cpSync } from 'node:fs';

cpSync(new URL('../db/migrations/', import.meta.url), new URL('../dist/db/migrations/', import.meta.url), { recursive: true });
