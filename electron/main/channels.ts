/**
 * IPC channel names, shared by the main process and the preload. Kept free of imports so that the
 * sandboxed preload bundle stays tiny and pulls nothing else from the main side.
 */

export const CHANNELS = {
  /** invoke: {name, input, callId} → CallOutcome. The one door into the handler table. */
  call: 'desk:call',
  /** invoke: callId → void. Aborts the call's AbortController. */
  cancel: 'desk:cancel',
  /** main → renderer: ProgressEvent. */
  progress: 'desk:progress',
  /** main → renderer: the session's new state ('signed-in' | 'locked' | 'signed-out'), e.g. when the OS locked the screen. */
  session: 'desk:session',
  /** invoke: → UpdaterStatus. */
  updaterStatus: 'desk:updaterStatus',
  /** invoke: → boolean (false when there is nothing to install or work is unsaved). */
  restartToUpdate: 'desk:restartToUpdate',
  /** invoke: boolean → void. The renderer reports unsaved work (forms with changes). */
  setUnsavedWork: 'desk:setUnsavedWork',
  chooseSavePath: 'desk:shell:chooseSavePath',
  chooseOpenPath: 'desk:shell:chooseOpenPath',
  openPath: 'desk:shell:openPath',
  printPdf: 'desk:shell:printPdf',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
