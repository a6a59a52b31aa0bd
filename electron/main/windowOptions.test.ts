import { describe, expect, it } from 'vitest';
import { consoleWindowOptions, contentSecurityPolicy } from './windowOptions';

const options = consoleWindowOptions({ preloadPath: '/app/preload.cjs', bounds: { x: 10, y: 20, width: 1200, height: 700 } });
const prefs = options.webPreferences ?? {};

describe('consoleWindowOptions: the security checklist, item by item', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, expected) => {
    expect(prefs[key]).toBe(expected);
  });

  it('loads the given preload script and nothing else from disk', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('opens hidden (shown once painted) at the given bounds', () => {
    expect(options.show).toBe(false);
    expect({ x: options.x, y: options.y, width: options.width, height: options.height }).toEqual({ x: 10, y: 20, width: 1200, height: 700 });
  });

  it('leaves position to the window manager when none is remembered', () => {
    const fresh = consoleWindowOptions({ preloadPath: '/p', bounds: { width: 1280, height: 800 } });
    expect(fresh.x).toBeUndefined();
    expect(fresh.y).toBeUndefined();
  });
});

describe('contentSecurityPolicy', () => {
  const directives = new Map(
    contentSecurityPolicy('http://127.0.0.1:4780/some/path')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values] as const),
  );

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", 'http://127.0.0.1:4780']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'self'"]],
  ])('%s is exactly %j', (name, values) => {
    expect(directives.get(name)).toEqual(values);
  });

  it('lets the desktop page (no server origin given) connect to its own origin only', () => {
    const connect = contentSecurityPolicy()
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
  });

  it('never allows inline or evaluated script', () => {
    for (const policy of [contentSecurityPolicy('https://meja.example.com'), contentSecurityPolicy()]) {
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).not.toContain('*');
    }
  });

  it('keeps only the origin of a server URL', () => {
    const policy = contentSecurityPolicy('https://meja.example.com');
    expect(policy).toContain("connect-src 'self' https://meja.example.com;");
  });

  it.each(['file:///etc', 'javascript:alert(1)', 'not a url', "http://x; script-src 'unsafe-inline'"])(
    'refuses a server origin that could widen the policy: %s',
    (origin) => {
      expect(() => contentSecurityPolicy(origin)).toThrow();
    },
  );
});
