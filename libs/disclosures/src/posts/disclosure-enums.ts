import { registerEnumType } from '@nestjs/graphql';
import { DisclosureMethod, DisclosureReason, DisclosureResult, DisclosureWarning } from '../rules/check-disclosure.js';
import { JurisdictionSource } from './sponsored-post-revision.entity.js';
import { PostStatusSource } from './sponsored-post.entity.js';

registerEnumType(DisclosureMethod, { name: 'DisclosureMethod', description: 'A way a post discloses a sponsorship.' });
registerEnumType(DisclosureResult, { name: 'DisclosureResult' });
registerEnumType(DisclosureReason, { name: 'DisclosureReason', description: 'Why a post is not compliant, or why a person must look at it.' });
registerEnumType(DisclosureWarning, { name: 'DisclosureWarning' });
registerEnumType(JurisdictionSource, { name: 'JurisdictionSource' });
registerEnumType(PostStatusSource, { name: 'PostStatusSource', description: "Whether a post's status is its check's result or a person's override." });
