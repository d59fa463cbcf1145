"""Use cases of the fake app: domain + store + clock + events; each commits explicitly."""
