// ES imports of 'electron' get the recording stand-in set up by stub.cjs.
import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
