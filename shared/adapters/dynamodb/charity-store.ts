import type { ChainEntry } from '../../domain/assistance-chain';
import type { CharityConsent, CharityOffer } from '../../domain/charity';
import type { CharityStore } from '../../ports/charity';
import {
  CONSENTS_PARTITION,
  charityConsentItem,
  charityMatchItem,
  charityOfferItem,
  matchPartition,
  needClaimKey,
  OFFERS_PARTITION,
  type StoredCharityMatch,
} from '../../table/entities/charity';
import { chainEntry } from '../../table/entities/household';
import type { Table } from './table';

export class DynamoCharityStore implements CharityStore {
  constructor(private readonly table: Table) {}

  async publishOffer(offer: CharityOffer): Promise<void> {
    await this.table.writeOnce({ Put: { Item: charityOfferItem.toItem(offer), ConditionExpression: 'attribute_not_exists(PK)' } });
  }

  async offers(): Promise<CharityOffer[]> {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': OFFERS_PARTITION } });
    return items.map(charityOfferItem.fromItem);
  }

  async recordConsent(consent: CharityConsent): Promise<void> {
    await this.table.batchWrite([charityConsentItem.toItem(consent)]);
  }

  async consent(householdId: string): Promise<CharityConsent | undefined> {
    const item = await this.table.get(charityConsentItem.key(householdId));
    return item ? charityConsentItem.fromItem(item) : undefined;
  }

  async consenting(): Promise<CharityConsent[]> {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': CONSENTS_PARTITION } });
    return items.map(charityConsentItem.fromItem).filter((c) => c.consent === 'given');
  }

  async matchedNeeds(needIds: readonly string[]): Promise<Set<string>> {
    const found = await this.table.batchGet(needIds.map(needClaimKey));
    return new Set(found.map((i) => String(i.SK)));
  }

  async saveMatches(matches: readonly StoredCharityMatch[]): Promise<StoredCharityMatch[]> {
    const groups = matches.map((m) => [
      {
        Put: {
          Item: { ...needClaimKey(m.needId), entity: 'CharityNeedClaim', matchId: m.matchId, organisationCode: m.organisationCode },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      { Put: { Item: charityMatchItem.toItem(m), ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Update: {
          Key: charityOfferItem.key(m.offerId),
          // Both names are DynamoDB reserved words.
          UpdateExpression: 'SET #matched = #matched + :one',
          ConditionExpression: '#matched < #capacity',
          ExpressionAttributeNames: { '#matched': 'matched', '#capacity': 'capacity' },
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    // Two matches of one offer touch the same item: transactGroups writes them in later rounds, in order.
    const outcomes = await this.table.transactGroups(groups);
    return matches.filter((_, i) => outcomes[i] === 'done');
  }

  async matchesOf(organisationCode: string): Promise<StoredCharityMatch[]> {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': matchPartition(organisationCode) } });
    return items.map(charityMatchItem.fromItem);
  }

  async match(organisationCode: string, matchId: string): Promise<StoredCharityMatch | undefined> {
    const item = await this.table.get(charityMatchItem.key(organisationCode, matchId));
    return item ? charityMatchItem.fromItem(item) : undefined;
  }

  async deliver(match: StoredCharityMatch, delivery: NonNullable<StoredCharityMatch['delivery']>, entry: ChainEntry): Promise<boolean> {
    const [outcome] = await this.table.transactGroups([
      [
        {
          Update: {
            Key: charityMatchItem.key(match.organisationCode, match.matchId),
            UpdateExpression: 'SET #delivery = :d',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#delivery)',
            ExpressionAttributeNames: { '#delivery': 'delivery' },
            ExpressionAttributeValues: { ':d': delivery },
          },
        },
        {
          Update: {
            Key: needClaimKey(match.needId),
            UpdateExpression: 'SET #met = :on',
            ExpressionAttributeNames: { '#met': 'met' },
            ExpressionAttributeValues: { ':on': delivery.deliveredOn },
          },
        },
        { Put: { Item: chainEntry.toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    ]);
    return outcome === 'done';
  }
}
