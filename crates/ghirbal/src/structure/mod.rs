//! Structure recovery: a role and a reason for every line of a page, then its articles.
