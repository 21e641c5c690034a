// Each component suite reads the engines' configuration from the environment, as the handlers do in Lambda; set
// before any module under test parses it (packages/runtime/src/config.ts caches it per module registry).
import { inject } from 'vitest';

Object.assign(process.env, inject('component').env);
