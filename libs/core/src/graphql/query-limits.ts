import { Extensions } from '@nestjs/graphql';
import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  type GraphQLField,
  type GraphQLOutputType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * Validation rules that bound the work one operation can ask for. They run in the
 * validation phase, so an operation over a limit is rejected before any resolver runs.
 * Introspection fields (`__schema`, `__type`) are not counted: their shape is fixed, and
 * production turns introspection off altogether.
 */

function isIntrospection(field: FieldNode): boolean {
  return field.name.value.startsWith('__');
}

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : 'The operation';
}

/** Rejects operations whose fields nest deeper than `maxDepth`. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);

    const depthOf = (selectionSet: SelectionSetNode, depth: number, visiting: Set<string>): number => {
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (deepest > maxDepth) break;
        if (selection.kind === Kind.FIELD) {
          if (isIntrospection(selection)) continue;
          const here = depth + 1;
          deepest = Math.max(deepest, selection.selectionSet ? depthOf(selection.selectionSet, here, visiting) : here);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue; // other rules report unknown or cyclic fragments
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, visiting));
          visiting.delete(name);
        }
      }
      return deepest;
    };

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`${operationLabel(operation)} nests fields deeper than the maximum depth of ${maxDepth}`, {
              nodes: [operation],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: maxDepth },
            }),
          );
        }
      },
    };
  };
}

/** Rejects documents with more than `maxAliases` aliased fields (a cheap amplification vector). */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias || reported) return;
        aliases += 1;
        if (aliases > maxAliases) {
          reported = true;
          context.reportError(
            new GraphQLError(`The document uses more than the maximum of ${maxAliases} aliases`, {
              nodes: [node],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: maxAliases },
            }),
          );
        }
      },
    };
  };
}

/** Field extension holding the most items a list field can return (see {@link MaxItems}). */
export const MAX_ITEMS_EXTENSION = 'maxItems';

/**
 * Declares that a list field never returns more than `count` items (a bound the domain
 * enforces), so the cost estimate multiplies by `count` rather than by the assumed list size.
 */
export const MaxItems = (count: number): MethodDecorator & PropertyDecorator => Extensions({ [MAX_ITEMS_EXTENSION]: count });

function declaredMaxItems(field: GraphQLField<unknown, unknown> | undefined): number | undefined {
  const value = field?.extensions?.[MAX_ITEMS_EXTENSION];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export interface CostLimitOptions {
  maxCost: number;
  /** Assumed size of a list whose size is given by a variable or not given at all. */
  assumedListSize: number;
}

function pageSizeArgument(field: FieldNode, fallback: number): number | undefined {
  const argument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (!argument) return undefined;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
  return fallback; // a variable: assume the worst we allow
}

function isListOutput(type: GraphQLOutputType): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  return isListType(unwrapped);
}

/**
 * Estimates how many fields an operation will resolve, multiplying by page sizes
 * (`first`/`last`), declared list bounds ({@link MaxItems}) and otherwise assumed list sizes,
 * and rejects it above `maxCost`.
 */
export function costLimitRule({ maxCost, assumedListSize }: CostLimitOptions): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    const schema = context.getSchema();

    /**
     * `paged` is true below a connection field whose `first` was already counted: the next
     * list (its `edges` or `nodes`) holds those items and does not multiply again.
     */
    const costOf = (
      selectionSet: SelectionSetNode,
      parentType: ReturnType<typeof getNamedType> | undefined,
      multiplier: number,
      paged: boolean,
      visiting: Set<string>,
    ): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (total > maxCost) break;
        if (selection.kind === Kind.FIELD) {
          if (isIntrospection(selection)) continue;
          total += multiplier;
          if (!selection.selectionSet) continue;
          const fieldDef: GraphQLField<unknown, unknown> | undefined =
            parentType && (isObjectType(parentType) || isInterfaceType(parentType))
              ? parentType.getFields()[selection.name.value]
              : undefined;
          const isList = fieldDef ? isListOutput(fieldDef.type) : false;
          const pageSize = pageSizeArgument(selection, assumedListSize);
          let size = 1;
          let childPaged = false;
          if (pageSize !== undefined) {
            size = pageSize;
            childPaged = !isList; // a connection object: its edges hold the page
          } else if (isList) {
            size = paged ? 1 : (declaredMaxItems(fieldDef) ?? assumedListSize);
          } else {
            childPaged = paged;
          }
          const childType = fieldDef ? getNamedType(fieldDef.type) : undefined;
          total += costOf(selection.selectionSet, childType, multiplier * size, childPaged, visiting);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const typeName = selection.typeCondition?.name.value;
          const type = typeName ? schema.getType(typeName) ?? undefined : parentType;
          total += costOf(selection.selectionSet, type, multiplier, paged, visiting);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
          total += costOf(fragment.selectionSet, type, multiplier, paged, visiting);
          visiting.delete(name);
        }
      }
      return total;
    };

    return {
      OperationDefinition(operation) {
        const root =
          operation.operation === 'query'
            ? schema.getQueryType()
            : operation.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const cost = costOf(operation.selectionSet, root ?? undefined, 1, false, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`${operationLabel(operation)} is too expensive: its estimated cost exceeds ${maxCost}`, {
              nodes: [operation],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: maxCost },
            }),
          );
        }
      },
    };
  };
}
