/**
 * The preload of the main window (built to out/preload/index.cjs, one self-contained CommonJS file:
 * a sandboxed window loads nothing else). It exposes `window.hammerhead` and nothing more.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createHammerheadApi } from './api.js';

contextBridge.exposeInMainWorld('hammerhead', createHammerheadApi(ipcRenderer, webUtils));
