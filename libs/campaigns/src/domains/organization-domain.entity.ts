import { OrganizationEntity } from '@app/identity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A web domain a brand sends shoppers to. Landing URLs and deep links must stay on these. */
@Entity('organization_domains')
@Index('uq_organization_domains_domain', ['organizationId', 'domain'], { unique: true })
export class OrganizationDomainEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  /** Lower-case ASCII (IDNA) host name, e.g. `shop.example.com`; subdomains are covered too. */
  @Column('text')
  domain!: string;

  @Column('uuid')
  addedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
