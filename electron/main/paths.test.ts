import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  app: { getAppPath: () => '/opt/Hammerhead/resources/app.asar', isPackaged: true },
}));
Object.assign(process, { resourcesPath: '/opt/Hammerhead/resources' });

const { appPaths, isAppPage } = await import('./paths.js');

describe('app paths', () => {
  it('finds the built pieces under the app root (the asar when packaged)', () => {
    expect(appPaths()).toEqual({
      preload: '/opt/Hammerhead/resources/app.asar/out/preload/index.cjs',
      page: '/opt/Hammerhead/resources/app.asar/out/renderer/index.html',
      pageUrl: 'file:///opt/Hammerhead/resources/app.asar/out/renderer/index.html',
      engine: '/opt/Hammerhead/resources/app.asar/out/main/engine.js',
      samples: '/opt/Hammerhead/resources/samples',
    });
  });

  it('finds the samples in the checkout when not packaged', () => {
    expect(appPaths('/src/hammerhead', null).samples).toBe('/src/hammerhead/assets/samples');
  });

  it('recognises the app page with any query or fragment, and nothing else', () => {
    const page = appPaths('/app').pageUrl;
    expect(isAppPage(page, page)).toBe(true);
    expect(isAppPage(`${page}?lane=1#x`, page)).toBe(true);
    expect(isAppPage('file:///app/out/renderer/sub/../index.html', page)).toBe(true);
    expect(isAppPage('file:///app/out/renderer/other.html', page)).toBe(false);
    expect(isAppPage('file://evil.example/app/out/renderer/index.html', page)).toBe(false);
    expect(isAppPage('https://app/out/renderer/index.html', page)).toBe(false);
    expect(isAppPage('file:///app/out/renderer%2Findex.html', page)).toBe(false);
    expect(isAppPage('not a url', page)).toBe(false);
    expect(isAppPage('', page)).toBe(false);
  });
});
