import { Field, Int, ObjectType } from '@nestjs/graphql';

/** A CSV file handed back through GraphQL. Each export adds `csv` with its columns described. */
@ObjectType({ isAbstract: true })
export abstract class CsvExport {
  @Field()
  filename!: string;

  @Field()
  contentType!: string;

  @Field(() => Int)
  rowCount!: number;
}
