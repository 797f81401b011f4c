/** Build-time generator: turns the project's KMIP spec table into Java sources. */
package keyward.codegen;
