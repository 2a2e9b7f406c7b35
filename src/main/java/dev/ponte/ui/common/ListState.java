package dev.ponte.ui.common;

/** The four states of any live list: what the placeholder shows. */
public enum ListState { LOADING, EMPTY, ERROR, DATA }
