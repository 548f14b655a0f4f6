"""The role graph (networkx) and the role-separation constraint kinds."""
