/**
 * The preload: exposes exactly the DeskBridge (./bridge.ts) as `window.desk`. It runs sandboxed, so it
 * requires nothing but electron's contextBridge and ipcRenderer, and is bundled to CommonJS
 * (dist/preload/preload.cjs). No ipcRenderer object or event ever crosses into the page: only these
 * functions, each sending one fixed channel.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { CHANNELS } from '../main/channels';
import { BRIDGE_GLOBAL, type CallOutcome, type DeskBridge, type ProgressEvent, type UpdaterStatus } from './bridge';

export function createBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): DeskBridge {
  return {
    call: (name, input, callId) => ipc.invoke(CHANNELS.call, { name, input, callId }) as Promise<CallOutcome>,
    cancel: async (callId) => {
      await ipc.invoke(CHANNELS.cancel, callId);
    },
    onProgress(listener) {
      // The page gets the event's data only, never the IpcRendererEvent (which exposes the sender).
      const wrapped = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
      ipc.on(CHANNELS.progress, wrapped);
      return () => {
        ipc.removeListener(CHANNELS.progress, wrapped);
      };
    },
    onSession(listener) {
      const wrapped = (_event: IpcRendererEvent, state: 'signed-in' | 'locked' | 'signed-out') => listener(state);
      ipc.on(CHANNELS.session, wrapped);
      return () => {
        ipc.removeListener(CHANNELS.session, wrapped);
      };
    },
    shell: {
      chooseSavePath: (options) => ipc.invoke(CHANNELS.chooseSavePath, options) as Promise<string | null>,
      chooseOpenPath: (options) => ipc.invoke(CHANNELS.chooseOpenPath, options) as Promise<string | null>,
      openPath: async (path) => {
        await ipc.invoke(CHANNELS.openPath, path);
      },
      printPdf: async (path) => {
        await ipc.invoke(CHANNELS.printPdf, path);
      },
    },
    updater: {
      status: () => ipc.invoke(CHANNELS.updaterStatus) as Promise<UpdaterStatus>,
      restartToUpdate: () => ipc.invoke(CHANNELS.restartToUpdate) as Promise<boolean>,
    },
    setUnsavedWork: async (unsaved) => {
      await ipc.invoke(CHANNELS.setUnsavedWork, unsaved === true);
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
