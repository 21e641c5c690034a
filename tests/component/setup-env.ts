// Each component suite reads the engines' configuration from the environment, as the handlers do in Lambda; set
// before any module under test parses it (packages/runtime/src/config.ts caches it per module registry), and put
// back after the file, so a worker that runs another project's file next sees that project's environment.
import { inject } from 'vitest';
import { environmentForFile } from '../support/environment';

environmentForFile(inject('component').env);
