/** Where the end-to-end server listens and how to sign in to it; shared by the config and the tests. */
export const E2E_PORT = Number(process.env.MEJA_E2E_PORT ?? 4791);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
export const DEMO_PASSWORD = 'demo-password';
