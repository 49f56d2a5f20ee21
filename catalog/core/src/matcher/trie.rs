//! A radix trie over the folded literal prefixes of templates: which templates a description
//! can match, found by walking its first bytes.
//!
//! Decides nothing about precedence: it hands the strict stage the templates of a group
//! deepest node first (the longest literal prefix is tried first), and the uniqueness search
//! every template on the path. The cost does not grow with the number of templates.

/// A radix trie over the folded literal prefixes of templates (bytes of the folded UTF-8).
/// Looking a description up walks its first bytes only, branching where prefixes differ, so
/// the cost does not grow with the number of templates.
#[derive(Debug)]
pub(super) struct Trie {
    pub(super) nodes: Vec<Node>,
}

/// One node: a piece of literal prefix, its children, and the templates whose prefix ends here.
#[derive(Debug, Default)]
pub(super) struct Node {
    /// The bytes this node adds to its parent's prefix (empty only for the root).
    pub(super) label: Box<[u8]>,
    /// (first byte of the child's label, node index), sorted by byte.
    children: Vec<(u8, u32)>,
    /// Templates whose literal prefix ends here, in catalog order.
    pub(super) patterns: Vec<Candidate>,
}

/// A template as a node holds it: with what rejects most descriptions it cannot match
/// without reading the template itself (a node's candidates sit side by side in memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    /// The pattern number.
    pub(super) pattern: usize,
    /// Its folded literal bytes (see [`super::MIN_LITERAL`]).
    pub(super) literal: usize,
    /// Its suffix's last word and mask (see `CompiledTemplate::tail`).
    pub(super) tail: (u64, u64),
}

impl Candidate {
    /// Whether a description whose last eight folded bytes are `last` (`None`: it is shorter)
    /// can end with this template's suffix.
    #[inline]
    pub(super) fn may_end(&self, last: Option<u64>) -> bool {
        last.is_none_or(|w| w & self.tail.1 == self.tail.0)
    }
}

/// The last eight bytes of a folded description as a little-endian word; `None` when it is
/// shorter.
#[inline]
pub(super) fn last_word(folded: &[u8]) -> Option<u64> {
    let last = folded.get(folded.len().checked_sub(8)?..)?;
    Some(u64::from_le_bytes(last.try_into().unwrap_or([0; 8])))
}

impl Default for Trie {
    fn default() -> Trie {
        Trie {
            nodes: vec![Node::default()],
        }
    }
}

impl Trie {
    /// Stores `pattern` under its folded literal `prefix` (once).
    pub(super) fn insert(&mut self, prefix: &str, pattern: Candidate) {
        let mut key = prefix.as_bytes();
        let mut at = 0usize;
        loop {
            let Some(&first) = key.first() else {
                if !self.nodes[at].patterns.contains(&pattern) {
                    self.nodes[at].patterns.push(pattern);
                }
                return;
            };
            let slot = self.nodes[at]
                .children
                .binary_search_by(|(k, _)| k.cmp(&first));
            let child = match slot {
                Err(i) => {
                    let new = self.nodes.len();
                    self.nodes.push(Node {
                        label: key.into(),
                        children: Vec::new(),
                        patterns: vec![pattern],
                    });
                    self.nodes[at].children.insert(i, (first, new as u32));
                    return;
                }
                Ok(i) => self.nodes[at].children[i].1 as usize,
            };
            let label = &self.nodes[child].label;
            let common = label.iter().zip(key).take_while(|(a, b)| a == b).count();
            if common < label.len() {
                // Split the child: a new node holds the shared part.
                let (head, tail): (Box<[u8]>, Box<[u8]>) =
                    (label[..common].into(), label[common..].into());
                let mid = self.nodes.len();
                self.nodes.push(Node {
                    label: head,
                    children: vec![(tail[0], child as u32)],
                    patterns: Vec::new(),
                });
                self.nodes[child].label = tail;
                if let Ok(i) = slot {
                    self.nodes[at].children[i].1 = mid as u32;
                }
                at = mid;
            } else {
                at = child;
            }
            key = &key[common..];
        }
    }

    /// The first template of every node whose prefix no other template's extends (a leaf):
    /// when a description reaches that node, the folded walk tries it before any other.
    pub(super) fn leaf_firsts(&self) -> impl Iterator<Item = Candidate> + '_ {
        self.nodes
            .iter()
            .filter(|n| n.children.is_empty())
            .filter_map(|n| n.patterns.first().copied())
    }

    /// Whether no template is stored (the root alone holds nothing).
    pub(super) fn is_empty(&self) -> bool {
        self.nodes.len() == 1 && self.nodes[0].patterns.is_empty()
    }

    /// The child of `node` whose label `rest` starts with.
    #[inline]
    pub(super) fn child(&self, node: usize, rest: &[u8]) -> Option<usize> {
        let &first = rest.first()?;
        let children = &self.nodes[node].children;
        let i = children.binary_search_by(|(k, _)| k.cmp(&first)).ok()?;
        let child = children[i].1 as usize;
        let label = &self.nodes[child].label;
        let head = rest.get(..label.len())?;
        crate::search::same(head, label).then_some(child)
    }
}
