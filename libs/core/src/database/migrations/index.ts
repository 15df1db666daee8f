import { InitialIdentity1795331284556 } from './1795331284556-InitialIdentity.js';
import { CampaignsCreators1795334429339 } from './1795334429339-CampaignsCreators.js';
import { HandlePrefixSearch1795336000000 } from './1795336000000-HandlePrefixSearch.js';
import { Tracking1796159501081 } from './1796159501081-Tracking.js';
import { Sales1796169417720 } from './1796169417720-Sales.js';
import { CreatorVisitors1796170808798 } from './1796170808798-CreatorVisitors.js';
import { CommissionReview1796177338604 } from './1796177338604-CommissionReview.js';
import { Ledger1796177410840 } from './1796177410840-Ledger.js';
import { PayoutAccounts1796177738090 } from './1796177738090-PayoutAccounts.js';
import { Payouts1796179642054 } from './1796179642054-Payouts.js';
import { SponsoredPosts1796185629788 } from './1796185629788-SponsoredPosts.js';
import { AnalyticsRollups1796187297719 } from './1796187297719-AnalyticsRollups.js';
import { CampaignRollups1796196436012 } from './1796196436012-CampaignRollups.js';
import { ErasedUsers1796212568326 } from './1796212568326-ErasedUsers.js';
import { ErasablePostContent1796212726939 } from './1796212726939-ErasablePostContent.js';
import { AuditLogNewestFirst1796212765660 } from './1796212765660-AuditLogNewestFirst.js';
import { IntegrationApiKeys1796213200139 } from './1796213200139-IntegrationApiKeys.js';
import { SealedOrderBodies1796213689876 } from './1796213689876-SealedOrderBodies.js';

/** Every migration, oldest first. A unit test checks that this lists each file in the folder. */
export const MIGRATIONS = [
  InitialIdentity1795331284556,
  CampaignsCreators1795334429339,
  HandlePrefixSearch1795336000000,
  Tracking1796159501081,
  Sales1796169417720,
  CreatorVisitors1796170808798,
  CommissionReview1796177338604,
  Ledger1796177410840,
  PayoutAccounts1796177738090,
  Payouts1796179642054,
  SponsoredPosts1796185629788,
  AnalyticsRollups1796187297719,
  CampaignRollups1796196436012,
  ErasedUsers1796212568326,
  ErasablePostContent1796212726939,
  AuditLogNewestFirst1796212765660,
  IntegrationApiKeys1796213200139,
  SealedOrderBodies1796213689876,
];
