"""The commands: the command line (cli), batch conversion on all cores or a cluster, the golden-file
check, evaluation against gold answers and the inputs of `link`. Commands may use every part of the
package; nothing in it uses them."""
