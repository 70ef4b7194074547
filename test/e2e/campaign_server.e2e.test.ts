import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCampaignServer, type CampaignServer } from './campaign_server';
import { E2E_PASSWORD } from './campaign_accounts';

describe('the campaign server for browser tests', () => {
  let server: CampaignServer;
  beforeAll(async () => {
    server = await startCampaignServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the app and the API, and keeps its cases across a restart', async () => {
    expect((await fetch(server.url)).headers.get('content-type')).toContain('text/html');
    const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: server.account('dispatcher').username, password: E2E_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { bbox } = await (await fetch(`${server.url}data/demo/city.json`)).json();
    const body = { cityId: 'demo', categoryId: 'toilet_dirty', title: '测试', lon: (bbox[0] + bbox[2]) / 2, lat: (bbox[1] + bbox[3]) / 2, source: 'report' };
    const created = await fetch(`${server.url}api/cases`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(created.status, await created.clone().text()).toBe(201);
    const before = await (await fetch(`${server.url}api/cases?cityId=demo`, { headers: { cookie } })).json();
    expect(before.cases).toHaveLength(1);
    await server.restart();
    const after = await (await fetch(`${server.url}api/cases?cityId=demo`, { headers: { cookie } })).json();
    expect(after).toEqual(before);
  });
});
