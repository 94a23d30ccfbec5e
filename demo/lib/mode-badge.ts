// The demo's header badge on the framework examples (which backend runs); the examples need none of this.
import { showMode } from './demo.js';

void showMode();
