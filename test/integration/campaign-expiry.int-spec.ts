import { CAMPAIGNS_QUEUE, CampaignsJob } from '@app/campaigns';
import { startWorkerTestApp, type WorkerTestApp } from '../support/worker-test-app.js';

describe('the worker ends campaigns past their end date', () => {
  let t: WorkerTestApp;

  beforeAll(async () => {
    t = await startWorkerTestApp(CAMPAIGNS_QUEUE);
  });
  afterAll(() => t.close());

  it('registers its schedule', async () => {
    const schedulers = await t.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(CampaignsJob.EndExpiredCampaigns);
  });

  it('ends ACTIVE and PAUSED campaigns whose end date passed, and nothing else, once', async () => {
    const { make, db } = t;
    const brand = await make.brand();
    const expiredActive = await make.campaign(brand);
    const expiredPaused = await make.campaign(brand, { status: 'PAUSED' });
    const running = await make.campaign(brand);
    const expiredDraft = await make.campaign(brand, { status: 'DRAFT' });
    await db.query(`UPDATE campaigns SET ends_at = now() - interval '1 hour', starts_at = now() - interval '10 days' WHERE id = ANY($1)`, [
      [expiredActive.campaignId, expiredPaused.campaignId, expiredDraft.campaignId],
    ]);

    const job = await t.queue.add(CampaignsJob.EndExpiredCampaigns, {});
    expect(await job.waitUntilFinished(t.events, 15_000)).toEqual({ ended: 2 });
    const statuses = Object.fromEntries(
      (await db.query('SELECT id, status, ended_at FROM campaigns')).map((row: { id: string; status: string }) => [row.id, row.status]),
    );
    expect(statuses).toEqual({
      [expiredActive.campaignId]: 'ENDED',
      [expiredPaused.campaignId]: 'ENDED',
      [running.campaignId]: 'ACTIVE',
      [expiredDraft.campaignId]: 'DRAFT',
    });

    // One entry per ended campaign, by the job, naming no request.
    const entries = await db.query(
      `SELECT entity_id, organization_id, actor_type, actor_id, before, after, reason, request_id FROM audit_log WHERE action = 'campaign.status_changed' ORDER BY entity_id`,
    );
    expect(entries).toEqual(
      [
        [expiredActive.campaignId, 'ACTIVE'],
        [expiredPaused.campaignId, 'PAUSED'],
      ]
        .sort(([a], [b]) => a!.localeCompare(b!))
        .map(([id, status]) => ({
          entity_id: id,
          organization_id: brand.organizationId,
          actor_type: 'SYSTEM',
          actor_id: 'campaigns.end-expired',
          before: { status, endedAt: null },
          after: { status: 'ENDED', endedAt: expect.any(String) },
          reason: 'end date passed',
          request_id: null,
        })),
    );

    const again = await t.queue.add(CampaignsJob.EndExpiredCampaigns, {});
    expect(await again.waitUntilFinished(t.events, 15_000)).toEqual({ ended: 0 });
    expect(await db.query(`SELECT id FROM audit_log WHERE action = 'campaign.status_changed'`)).toHaveLength(2);
  });
});
