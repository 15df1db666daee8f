import { newId, uuidV7Time } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { referrerHost, visitorHash } from '../clicks/click-context.js';
import { encodeClick } from '../clicks/click-wire.js';
import { ClickRecorder } from '../clicks/click-recorder.js';
import { VisitorSalts } from '../clicks/visitor-salts.js';
import { LINK_KEY } from '../links/link-keys.js';
import { decideRoute, type LinkRoute } from './link-route.js';
import { GONE_PAGE, NOT_FOUND_PAGE, UNAVAILABLE_PAGE } from './redirect-pages.js';
import { type RedirectOutcome, RedirectMetrics } from './redirect-metrics.js';
import { RouteCache } from './route-cache.js';

/** What the redirector learns of a visit; the address is hashed and forgotten. */
export interface Visit {
  /** HEAD requests (link checkers) are answered but not counted. */
  method: string;
  ip: string;
  userAgent: string | undefined;
  referer: string | undefined;
  /** The value of the configured country header (CLICK_COUNTRY_HEADER), if one is configured and sent. */
  country: string | string[] | undefined;
}

export type RedirectAnswer = { status: 302; location: string } | { status: 404 | 410 | 503; page: string };

/**
 * `GET /r/<key>`: finds the link (in memory when warm), and answers 302 to its destination
 * with a fresh click id, which it hands to the click recorder without waiting. A disabled
 * or ended link goes to the campaign's fallback URL without a click id, or answers 410.
 */
@Injectable()
export class RedirectorService {
  private readonly logger = new Logger(RedirectorService.name);

  constructor(
    private readonly routes: RouteCache,
    private readonly recorder: ClickRecorder,
    private readonly salts: VisitorSalts,
    private readonly metrics: RedirectMetrics,
  ) {}

  answer(key: string, visit: Visit): RedirectAnswer | Promise<RedirectAnswer> {
    if (!LINK_KEY.test(key)) return this.notFound();
    const cached = this.routes.peek(key);
    if (cached !== undefined) return this.respond(cached, visit);
    return this.routes.load(key).then(
      (route) => this.respond(route, visit),
      (error: unknown) => {
        this.logger.error({ err: error }, 'Could not look a link up');
        return this.unavailable();
      },
    );
  }

  /** For failures outside `answer` (a broken request): counted like any other. */
  unavailable(): RedirectAnswer {
    this.metrics.answered('unavailable');
    return { status: 503, page: UNAVAILABLE_PAGE };
  }

  counted(outcome: RedirectOutcome): void {
    this.metrics.answered(outcome);
  }

  private notFound(): RedirectAnswer {
    this.metrics.answered('not_found');
    return { status: 404, page: NOT_FOUND_PAGE };
  }

  private respond(route: LinkRoute | null, visit: Visit): RedirectAnswer {
    const now = Date.now();
    const decision = decideRoute(route, now);
    switch (decision.kind) {
      case 'not-found':
        return this.notFound();
      case 'gone':
        this.metrics.answered('gone');
        return { status: 410, page: GONE_PAGE };
      case 'fallback':
        this.metrics.answered('fallback');
        return { status: 302, location: decision.url };
      case 'redirect': {
        const clickId = newId(now);
        // HEAD (link checkers, previews) follows the link without clicking it.
        if (visit.method !== 'HEAD') {
          this.record(decision.route, clickId, visit);
          this.metrics.answered('redirect');
        }
        return { status: 302, location: `${decision.route.head}${clickId}${decision.route.tail}` };
      }
    }
  }

  /** Only what the visit alone tells, hashed where it must be: the worker works out the rest. */
  private record(route: LinkRoute, clickId: string, visit: Visit): void {
    const country = Array.isArray(visit.country) ? visit.country[0] : visit.country;
    this.recorder.record(
      encodeClick({
        id: clickId,
        linkId: route.linkId,
        enrollmentId: route.enrollmentId,
        campaignId: route.campaignId,
        organizationId: route.organizationId,
        creatorId: route.creatorId,
        visitorHash: visitorHash(visit.ip, visit.userAgent, this.salts.saltFor(uuidV7Time(clickId))),
        country: country ? country.slice(0, 8) : null,
        referrerHost: referrerHost(visit.referer),
        userAgent: visit.userAgent ? visit.userAgent.slice(0, 512) : null,
      }),
    );
  }
}
