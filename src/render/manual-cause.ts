import type { ForbiddenTypeRule, ManualCause, ManualCode } from '../model/index.js';

type Of<C extends ManualCode> = Extract<ManualCause, { code: C }>;
type Sentences = { readonly [C in ManualCode]: { readonly why: (c: Of<C>) => string; readonly instruction: (c: Of<C>) => string } };

const RULE: Record<ForbiddenTypeRule, (c: Of<'forbidden_type_change'>) => string> = {
  title: () => 'the title property cannot be converted, and no property can become the title',
  place: () => 'nothing can be converted to or from place',
  unmanageable_to: (c) => `${c.to_type} properties cannot be created or changed through the API`,
  unmanageable_from: (c) => `${c.from_type} properties cannot be changed through the API`,
};

const editProperty = (c: { location: string; property: string }): string =>
  `In Notion, open ${c.location}, click the ${c.property} property › Edit property`;

/**
 * The sentence (what the API cannot do, and why) and the instruction (exactly what to do in the
 * Notion app) of every manual cause. One entry per code, so a new code without words fails to compile.
 */
const SENTENCES: Sentences = {
  data_source_description: {
    why: (c) => `The description of data source ${c.data_source} differs; the API has no field to write a data source description.`,
    instruction: (c) => `In Notion, open ${c.location} and set the data source description to ${JSON.stringify(c.description ?? '')}, or set it to match in the schema file.`,
  },
  unmanageable_add: {
    why: (c) => `Property "${c.property}" of ${c.data_source} is a ${c.type}; ${c.type} properties cannot be created through the API.`,
    instruction: (c) => `In Notion, open ${c.location}, add a ${c.type} property named "${c.property}" (+ › ${c.type}).`,
  },
  unmanageable_remove: {
    why: (c) => `${c.type} property ${c.property} is not in the schema file, and the API cannot remove it.`,
    instruction: (c) => `In Notion, open ${c.location}, click the ${c.property} property › Delete property, or add it to the schema file.`,
  },
  forbidden_type_change: {
    why: (c) => `Changing ${c.property} from ${c.from_type} to ${c.to_type} is not possible through the API: ${RULE[c.rule](c)}.`,
    instruction: (c) => `${editProperty(c)} › Type, and change it from ${c.from_type} to ${c.to_type} if the app allows it; otherwise create a new ${c.to_type} property, copy the values by hand, and delete ${c.property}. Or keep type ${c.from_type} in the schema file.`,
  },
  unsupported_conversion: {
    why: (c) => `\`convert\` cannot migrate ${c.property} from ${c.from_type} to ${c.to_type}: supported conversions are ${c.supported.join(', ')}.`,
    instruction: (c) => `${editProperty(c)} › Type, and change it from ${c.from_type} to ${c.to_type} if the app allows it; otherwise create a new ${c.to_type} property, copy the values by hand, and delete ${c.property}. Or keep type ${c.from_type} in the schema file.`,
  },
  option_rename: {
    why: (c) => `Option "${c.from}" of ${c.property} is renamed to "${c.to}"; the API cannot rename options (pages keep the option by id).`,
    instruction: (c) => `${editProperty(c)}, rename option "${c.from}" to "${c.to}"${c.color !== null ? ` and set its colour to ${c.color}` : ''}.`,
  },
  option_recolour: {
    why: (c) => `Option "${c.option}" of ${c.property} changes colour from ${c.from ?? 'default'} to ${c.to}; the API cannot recolour options.`,
    instruction: (c) => `${editProperty(c)}, change the colour of option "${c.option}" from ${c.from ?? 'default'} to ${c.to}.`,
  },
  status_group: {
    why: (c) => `Status option "${c.option}" of ${c.property} moves from group ${c.from} to ${c.to}; the API cannot change status groups.`,
    instruction: (c) => `${editProperty(c)}, drag option "${c.option}" from group "${c.from}" into group "${c.to}".`,
  },
};

function entry<C extends ManualCode>(cause: Of<C>): Sentences[C] {
  return SENTENCES[cause.code as C];
}

/** What the API cannot do, and why: one sentence. */
export function manualWhy(cause: ManualCause): string {
  return (entry(cause).why as (c: ManualCause) => string)(cause);
}

/** Exactly what to do in the Notion app. */
export function manualInstruction(cause: ManualCause): string {
  return (entry(cause).instruction as (c: ManualCause) => string)(cause);
}
