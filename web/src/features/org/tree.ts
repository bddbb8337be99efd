// The organisation as a tree for pickers and views, built once from the flat, id-ordered list.
import { useMemo } from 'react';
import { useOrgUnits } from './api';
import type { Schemas } from '../../api/client';

export type OrgUnit = Schemas['OrgUnit'];
export type OrgNode<V> = { title: string; value: V; key: number; unit: OrgUnit; children: OrgNode<V>[] };

export function buildTree<V>(units: OrgUnit[], value: (u: OrgUnit) => V, title: (u: OrgUnit) => string = (u) => u.name) {
  const byId = new Map<number, OrgNode<V>>();
  const roots: OrgNode<V>[] = [];
  for (const u of units) byId.set(u.id, { title: title(u), value: value(u), key: u.id, unit: u, children: [] });
  for (const u of units) {
    const parent = u.parent_id ? byId.get(u.parent_id) : undefined;
    (parent ? parent.children : roots).push(byId.get(u.id)!);
  }
  return roots;
}

// Trees whose values are unit ids (filters) or unit codes (forms, which the API takes by code).
export function useOrgTrees() {
  const units = useOrgUnits();
  const trees = useMemo(() => {
    const items = units.data?.items ?? [];
    return {
      byId: buildTree(items, (u) => u.id),
      byCode: buildTree(items, (u) => u.code),
      codeOf: (id: number) => items.find((u) => u.id === id)?.code,
    };
  }, [units.data]);
  return { units, ...trees };
}
