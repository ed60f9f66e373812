"""What a package would publish: the packages of a repository, each packer's
publish list, npm's file order, and packed tarballs.

Nothing here imports hooks.judge, hooks.configs or an entry point.
"""
