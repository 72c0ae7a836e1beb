/* layout.text._loops: the compiled inner loops of collect, prepare, boxes, overlong and
finalize's drawn runs (layout/text/collect.py, prepare.py, boxes.py, overlong.py,
finalize.py).

Contract: the same results as the pure-Python reference, exactly: the same clusters (the same
texts, classes and starts), the same items and sources in the same order (the very objects
the Python code would append: the shared glue between two Han characters, the boxes, the
glue the joiner makes), the same boxes seen and made, the same wide runs and the same runs a line is
drawn in (every floating-point operation in the Python order on C doubles, which Python
floats are; compiled with -ffp-contract=off, so no multiply-add is fused). Only the commonest
case is done here — a Han character or a mark, a boundary between two plain Han characters,
a sum of widths, a glyph placed and merged —; everything else is asked of the Python code
the caller passes in (a Western word, a space, the glue at any other boundary), so the rules
stay written once, in Python. Python keeps the reference: the modules use this one when it
imports (layout.text.loops.LOOPS), their own code otherwise.

The records are read and made as they are: the named tuples Cluster, Box, Glue,
Discretionary, GlyphRun and LineRun, by index (their classes are passed in by the caller,
so that this file holds no state of its own). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* Cluster's and Glue's fields, by index (collect.py, items.py). */
enum { CLUSTER_TEXT = 0, CLUSTER_CLS = 1, CLUSTER_START = 2 };
enum { ITEM_WIDTH = 0, GLUE_SHRINK = 2, GLUE_PENALTY = 5 };

/* An instance of a tuple subclass (a named tuple) holding `n` new references, made as
   tuple.__new__(cls, fields) makes it (the subtype's own allocation, filled in place);
   the references are stolen, also on failure. */
static PyObject *
new_record(PyTypeObject *cls, Py_ssize_t n, PyObject **fields)
{
    PyObject *record = cls->tp_alloc(cls, n);
    if (record == NULL) {
        for (Py_ssize_t k = 0; k < n; k++)
            Py_DECREF(fields[k]);
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        PyTuple_SET_ITEM(record, k, fields[k]);
    return record;
}

static int
check_record_type(PyObject *cls, const char *name)
{
    if (!PyType_Check(cls) || !PyType_IsSubtype((PyTypeObject *)cls, &PyTuple_Type)) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple subclass", name);
        return -1;
    }
    return 0;
}

/* ---- collect ---------------------------------------------------------------------- */

/* collect(text, classes, singles, long_first, Cluster, other) -> list: collect.collect's
   loop (before the punctuation is attached). A character whose class `classes` holds is
   one of `singles` is a Cluster of its own, unless it is in `long_first` (it may begin a
   2-em mark); at any other position `other(text, i, clusters)` appends what starts there
   and returns the position after it. */
static PyObject *
collect(PyObject *module, PyObject *args)
{
    PyObject *text, *classes, *singles, *long_first, *cluster_type, *other;
    if (!PyArg_ParseTuple(args, "UO!O!O!OO:collect", &text, &PyDict_Type, &classes,
                          &PyFrozenSet_Type, &singles, &PyFrozenSet_Type, &long_first,
                          &cluster_type, &other))
        return NULL;
    if (check_record_type(cluster_type, "Cluster") < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *clusters = PyList_New(0);
    if (clusters == NULL)
        return NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        PyObject *ch = PyUnicode_FromOrdinal(PyUnicode_READ(kind, data, i));
        if (ch == NULL)
            goto error;
        PyObject *cls = PyDict_GetItemWithError(classes, ch); /* borrowed */
        int single = 0;
        if (cls != NULL) {
            single = PySet_Contains(singles, cls);
            if (single > 0) {
                int first = PySet_Contains(long_first, ch);
                single = first < 0 ? -1 : !first;
            }
            if (single < 0) {
                Py_DECREF(ch);
                goto error;
            }
        }
        if (single) {
            PyObject *start = PyLong_FromSsize_t(i);
            if (start == NULL) {
                Py_DECREF(ch);
                goto error;
            }
            Py_INCREF(cls);
            PyObject *fields[3] = {ch, cls, start};
            PyObject *cluster = new_record((PyTypeObject *)cluster_type, 3, fields);
            if (cluster == NULL)
                goto error;
            int failed = PyList_Append(clusters, cluster);
            Py_DECREF(cluster);
            if (failed < 0)
                goto error;
            i++;
            continue;
        }
        Py_DECREF(ch);
        if (PyErr_Occurred())
            goto error;
        PyObject *after = PyObject_CallFunction(other, "OnO", text, i, clusters);
        if (after == NULL)
            goto error;
        Py_ssize_t j = PyLong_AsSsize_t(after);
        Py_DECREF(after);
        if (j == -1 && PyErr_Occurred())
            goto error;
        if (j <= i) {
            PyErr_Format(PyExc_ValueError, "collect: no progress at %zd", i);
            goto error;
        }
        i = j;
    }
    return clusters;
error:
    Py_DECREF(clusters);
    return NULL;
}

/* attaching(clusters, symbol, marks) -> bool: whether a cluster of class `symbol` is one of
   `marks` (collect._attach_punctuation changes nothing without one). */
static PyObject *
attaching(PyObject *module, PyObject *args)
{
    PyObject *clusters, *symbol, *marks;
    if (!PyArg_ParseTuple(args, "O!OO!:attaching", &PyList_Type, &clusters, &symbol,
                          &PyFrozenSet_Type, &marks))
        return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(clusters); i++) {
        PyObject *cluster = PyList_GET_ITEM(clusters, i);
        if (!PyTuple_Check(cluster) || PyTuple_GET_SIZE(cluster) <= CLUSTER_START) {
            PyErr_Format(PyExc_TypeError, "attaching: cluster %zd is not a Cluster", i);
            return NULL;
        }
        if (PyTuple_GET_ITEM(cluster, CLUSTER_CLS) != symbol)
            continue;
        int found = PySet_Contains(marks, PyTuple_GET_ITEM(cluster, 0));
        if (found < 0)
            return NULL;
        if (found)
            Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

/* ---- boxes ---------------------------------------------------------------------- */

/* seen_boxes(clusters, seen) -> (boxes, unseen): each cluster's box as `seen` keeps it by
   the cluster's text (None where it has none), and the indices of those it has not
   (boxes.cluster_boxes: list(map(seen.get, texts)) and the indices of the Nones). */
static PyObject *
seen_boxes(PyObject *module, PyObject *args)
{
    PyObject *clusters, *seen;
    if (!PyArg_ParseTuple(args, "O!O!:seen_boxes", &PyList_Type, &clusters, &PyDict_Type, &seen))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(clusters);
    PyObject *boxes = PyList_New(n);
    PyObject *unseen = PyList_New(0);
    if (boxes == NULL || unseen == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cluster = PyList_GET_ITEM(clusters, i);
        if (!PyTuple_Check(cluster) || PyTuple_GET_SIZE(cluster) < 1) {
            PyErr_Format(PyExc_TypeError, "seen_boxes: cluster %zd is not a Cluster", i);
            goto error;
        }
        PyObject *box = PyDict_GetItemWithError(seen, PyTuple_GET_ITEM(cluster, 0));
        if (box == NULL) {
            if (PyErr_Occurred())
                goto error;
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL)
                goto error;
            int failed = PyList_Append(unseen, index);
            Py_DECREF(index);
            if (failed < 0)
                goto error;
            box = Py_None;
        }
        PyList_SET_ITEM(boxes, i, Py_NewRef(box));
    }
    return Py_BuildValue("(NN)", boxes, unseen);
error:
    Py_XDECREF(boxes);
    Py_XDECREF(unseen);
    return NULL;
}

/* han_boxes(clusters, unseen, boxes, seen, glyph, em, (han, upright), (GlyphRun, Box))
   -> rest: boxes.cluster_boxes's loop over the clusters not seen (`unseen`, indices in order)
   for its commonest case, a single Han character that a face has, at an advance and a size
   that are floats: its box made as the Python loop makes it (GlyphRun(text, face, 0.0,
   advance * em, 1.0, 0, upright) in a Box of that width), put in `boxes` and kept in `seen`.
   The indices of every other cluster are returned, in order, for the Python loop (a space,
   a mark, a word, a character no face has: its missing glyph is reported there, so the
   report keeps the order of the text). */
static PyObject *
han_boxes(PyObject *module, PyObject *args)
{
    PyObject *clusters, *unseen, *boxes, *seen, *glyph, *em_obj, *han, *upright, *run_type,
        *box_type;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OO(OO)(OO):han_boxes", &PyList_Type, &clusters,
                          &PyList_Type, &unseen, &PyList_Type, &boxes, &PyDict_Type, &seen,
                          &glyph, &em_obj, &han, &upright, &run_type, &box_type))
        return NULL;
    if (check_record_type(run_type, "GlyphRun") < 0 || check_record_type(box_type, "Box") < 0)
        return NULL;
    if (!PyCallable_Check(glyph)) {
        PyErr_SetString(PyExc_TypeError, "han_boxes: glyph must be callable");
        return NULL;
    }
    if (!PyFloat_CheckExact(em_obj)) /* (another number: the Python loop's own arithmetic) */
        return PyList_GetSlice(unseen, 0, PyList_GET_SIZE(unseen));
    double em = PyFloat_AS_DOUBLE(em_obj);
    Py_ssize_t n = PyList_GET_SIZE(unseen), count = PyList_GET_SIZE(clusters);
    PyObject *rest = PyList_New(0);
    PyObject *zero = PyFloat_FromDouble(0.0), *one = PyFloat_FromDouble(1.0);
    PyObject *first = PyLong_FromLong(0);
    if (rest == NULL || zero == NULL || one == NULL || first == NULL)
        goto error;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *index = PyList_GET_ITEM(unseen, k);
        Py_ssize_t i = PyLong_AsSsize_t(index);
        if (i == -1 && PyErr_Occurred())
            goto error;
        if (i < 0 || i >= count || i >= PyList_GET_SIZE(boxes)) {
            PyErr_Format(PyExc_IndexError, "han_boxes: index %zd out of the clusters", i);
            goto error;
        }
        PyObject *cluster = PyList_GET_ITEM(clusters, i);
        if (!PyTuple_Check(cluster) || PyTuple_GET_SIZE(cluster) <= CLUSTER_START) {
            PyErr_Format(PyExc_TypeError, "han_boxes: cluster %zd is not a Cluster", i);
            goto error;
        }
        PyObject *text = PyTuple_GET_ITEM(cluster, 0);
        if (PyTuple_GET_ITEM(cluster, CLUSTER_CLS) != han || !PyUnicode_Check(text) ||
            PyUnicode_GET_LENGTH(text) != 1) {
            if (PyList_Append(rest, index) < 0)
                goto error;
            continue;
        }
        PyObject *info = PyObject_CallOneArg(glyph, text);
        if (info == NULL)
            goto error;
        if (!PyTuple_Check(info) || PyTuple_GET_SIZE(info) < 2) {
            Py_DECREF(info);
            PyErr_SetString(PyExc_TypeError, "han_boxes: glyph must give a GlyphInfo");
            goto error;
        }
        PyObject *face = PyTuple_GET_ITEM(info, 0), *per_em = PyTuple_GET_ITEM(info, 1);
        if (face == Py_None || !PyFloat_CheckExact(per_em)) {
            Py_DECREF(info);
            if (PyList_Append(rest, index) < 0)
                goto error;
            continue;
        }
        PyObject *advance = PyFloat_FromDouble(PyFloat_AS_DOUBLE(per_em) * em);
        if (advance == NULL) {
            Py_DECREF(info);
            goto error;
        }
        PyObject *fields[7] = {Py_NewRef(text), Py_NewRef(face), Py_NewRef(zero),
                               Py_NewRef(advance), Py_NewRef(one), Py_NewRef(first),
                               Py_NewRef(upright)};
        Py_DECREF(info);
        PyObject *run = new_record((PyTypeObject *)run_type, 7, fields);
        if (run == NULL) {
            Py_DECREF(advance);
            goto error;
        }
        PyObject *runs = PyTuple_New(1);
        if (runs == NULL) {
            Py_DECREF(run);
            Py_DECREF(advance);
            goto error;
        }
        PyTuple_SET_ITEM(runs, 0, run);
        PyObject *box_fields[2] = {advance, runs};
        PyObject *box = new_record((PyTypeObject *)box_type, 2, box_fields);
        if (box == NULL)
            goto error;
        if (PyDict_SetItem(seen, text, box) < 0) {
            Py_DECREF(box);
            goto error;
        }
        PyList_SetItem(boxes, i, box); /* (steals box, drops the None it held) */
    }
    Py_DECREF(zero);
    Py_DECREF(one);
    Py_DECREF(first);
    return rest;
error:
    Py_XDECREF(rest);
    Py_XDECREF(zero);
    Py_XDECREF(one);
    Py_XDECREF(first);
    return NULL;
}

/* ---- prepare's items ---------------------------------------------------------------- */

static int
append_n(PyObject *list, PyObject *item, Py_ssize_t n)
{
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyList_Append(list, item) < 0)
            return -1;
    return 0;
}

/* The indices in `orphaning` (a prepare._orphan_boundaries set: a few ints) as a C array,
   so that a Han character's check is a scan of those; any other collection (or more than
   ORPHANS_HELD) is asked by `in`. */
#define ORPHANS_HELD 16
typedef struct {
    PyObject *collection;
    Py_ssize_t count; /* -1: ask the collection */
    Py_ssize_t index[ORPHANS_HELD];
} Orphans;

static int
orphans_init(Orphans *self, PyObject *orphaning)
{
    self->collection = orphaning;
    self->count = -1;
    if (!PyAnySet_CheckExact(orphaning) || PySet_GET_SIZE(orphaning) > ORPHANS_HELD)
        return 0;
    PyObject *iterator = PyObject_GetIter(orphaning);
    if (iterator == NULL)
        return -1;
    Py_ssize_t count = 0;
    PyObject *key;
    while ((key = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t value = -1;
        int held = PyLong_CheckExact(key) && count < ORPHANS_HELD;
        if (held) {
            value = PyLong_AsSsize_t(key);
            if (value == -1 && PyErr_Occurred()) {
                PyErr_Clear(); /* too large for an index: `in` answers */
                held = 0;
            }
        }
        Py_DECREF(key);
        if (!held) {
            Py_DECREF(iterator);
            return 0;
        }
        self->index[count++] = value;
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred())
        return -1;
    self->count = count;
    return 0;
}

static int
orphans_contain(Orphans *self, Py_ssize_t i)
{
    if (self->count >= 0) {
        for (Py_ssize_t k = 0; k < self->count; k++)
            if (self->index[k] == i)
                return 1;
        return 0;
    }
    PyObject *index = PyLong_FromSsize_t(i);
    if (index == NULL)
        return -1;
    int found = PySequence_Contains(self->collection, index);
    Py_DECREF(index);
    return found;
}

/* A mark record's field (prepare._Mark). */
static PyObject *
mark_field(PyObject *mark, PyObject *name)
{
    return PyObject_GetAttr(mark, name);
}

/* Whether the text of `cluster` starts with one of `signs` (the joiner's no_start_signs:
   a postfix sign no line starts with, chars.NO_LINE_START_SIGNS): 1, 0, or -1 on an error. */
static int
starts_with_sign(PyObject *cluster, PyObject *signs)
{
    PyObject *text = PyTuple_GET_ITEM(cluster, CLUSTER_TEXT);
    if (!PyUnicode_Check(text) || PyUnicode_GET_LENGTH(text) == 0)
        return 0;
    PyObject *first = PyUnicode_FromOrdinal(PyUnicode_READ_CHAR(text, 0));
    if (first == NULL)
        return -1;
    int found = PySet_Contains(signs, first);
    Py_DECREF(first);
    return found;
}

/* The key of the glue between clusters `previous` and `i`: what the joiner's glue reads of
   them (the classes, the blank halves and their steps, the space, whether the break after
   `previous` leaves a 孤字, whether `i` starts with a sign no line starts with); the space by
   identity (an Enum member, hashed in Python). */
static PyObject *
glue_key(PyObject *left, PyObject *left_mark, PyObject *right, PyObject *right_mark,
         PyObject *space, int orphans, PyObject *signs, PyObject *names[4])
{
    int sign = starts_with_sign(right, signs);
    if (sign < 0)
        return NULL;
    PyObject *fields[9] = {NULL};
    fields[0] = Py_NewRef(PyTuple_GET_ITEM(left, CLUSTER_CLS));
    fields[1] = mark_field(left_mark, names[0]);
    fields[2] = mark_field(left_mark, names[1]);
    fields[3] = Py_NewRef(PyTuple_GET_ITEM(right, CLUSTER_CLS));
    fields[4] = mark_field(right_mark, names[2]);
    fields[5] = mark_field(right_mark, names[3]);
    fields[6] = PyLong_FromVoidPtr(space);
    fields[7] = PyBool_FromLong(orphans);
    fields[8] = PyBool_FromLong(sign);
    for (int k = 0; k < 9; k++)
        if (fields[k] == NULL) {
            for (int j = 0; j < 9; j++)
                Py_XDECREF(fields[j]);
            return NULL;
        }
    PyObject *key = PyTuple_New(9);
    if (key == NULL) {
        for (int j = 0; j < 9; j++)
            Py_DECREF(fields[j]);
        return NULL;
    }
    for (int k = 0; k < 9; k++)
        PyTuple_SET_ITEM(key, k, fields[k]);
    return key;
}

/* items(clusters, boxes, marks, items, sources, orphaning, classes, shared, calls, made,
   signs) ->
   the index of the last cluster that is not a space, or None: prepare._items's loop (not a
   headline's), appending to `items` and `sources`. `classes` is (han, space, zero-width
   space), `shared` (the glue between two plain Han characters, the record of no blanks,
   0.0), `calls` (the joiner's glue(clusters, marks, previous, i, space), _space(cluster,
   pending)). The glue at a boundary is asked of the joiner once for each combination of
   what it reads (glue_key) and kept in `made` (a dict the caller keeps for the joiner's
   style and face, as the joiner keeps its own). `signs` is the joiner's no_start_signs (a
   frozenset of characters), read into the key. */
static PyObject *
items(PyObject *module, PyObject *args)
{
    PyObject *clusters, *boxes, *marks, *out, *sources, *orphaning;
    PyObject *han, *space_class, *break_class, *between_han, *no_blanks, *zero, *glue, *space;
    PyObject *signs;
    PyObject *made; /* glue_key -> the joiner's glue */
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O(OOO)(OOO)(OO)O!O!:items", &PyList_Type, &clusters,
                          &PyList_Type, &boxes, &PyList_Type, &marks, &PyList_Type, &out,
                          &PyList_Type, &sources, &orphaning, &han, &space_class, &break_class,
                          &between_han, &no_blanks, &zero, &glue, &space, &PyDict_Type, &made,
                          &PyFrozenSet_Type, &signs))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(clusters);
    if (PyList_GET_SIZE(boxes) < n || PyList_GET_SIZE(marks) < n) {
        PyErr_SetString(PyExc_ValueError, "items: a box and a mark record per cluster");
        return NULL;
    }
    Orphans orphans;
    if (orphans_init(&orphans, orphaning) < 0)
        return NULL;
    PyObject *names[4] = {PyUnicode_InternFromString("trail"),
                          PyUnicode_InternFromString("trail_step"),
                          PyUnicode_InternFromString("lead"),
                          PyUnicode_InternFromString("lead_step")};
    PyObject *lead_name = names[2];
    PyObject *none_source = PyLong_FromLong(-1);
    PyObject *pending = Py_NewRef(Py_None);
    PyObject *result = NULL;
    if (!names[0] || !names[1] || !names[2] || !names[3] || !none_source)
        goto done;
    Py_ssize_t previous = -1;
    int plain = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cluster = PyList_GET_ITEM(clusters, i);
        if (!PyTuple_Check(cluster) || PyTuple_GET_SIZE(cluster) <= CLUSTER_START) {
            PyErr_Format(PyExc_TypeError, "items: cluster %zd is not a Cluster", i);
            goto done;
        }
        PyObject *cls = PyTuple_GET_ITEM(cluster, CLUSTER_CLS);
        PyObject *mark = PyList_GET_ITEM(marks, i);
        if (cls == space_class || cls == break_class) {
            PyObject *joined = PyObject_CallFunctionObjArgs(space, cluster, pending, NULL);
            if (joined == NULL)
                goto done;
            Py_SETREF(pending, joined);
            continue;
        }
        if (previous < 0) {
            /* An opening mark at the paragraph start loses its blank half. */
            PyObject *lead = PyObject_GetAttr(mark, lead_name);
            if (lead == NULL)
                goto done;
            int truth = PyObject_IsTrue(lead);
            Py_DECREF(lead);
            if (truth < 0 || (truth && PyObject_SetAttr(mark, lead_name, zero) < 0))
                goto done;
        }
        else if (plain && cls == han && mark == no_blanks && pending == Py_None) {
            if (PyList_Append(out, between_han) < 0 || PyList_Append(sources, none_source) < 0)
                goto done;
        }
        else {
            PyObject *left = PyList_GET_ITEM(clusters, previous);
            int left_orphans = orphans_contain(&orphans, previous);
            if (left_orphans < 0)
                goto done;
            PyObject *key = glue_key(left, PyList_GET_ITEM(marks, previous), cluster, mark,
                                     pending, left_orphans, signs, names);
            if (key == NULL)
                goto done;
            PyObject *glues = PyDict_GetItemWithError(made, key); /* borrowed */
            if (glues != NULL)
                Py_INCREF(glues);
            else if (!PyErr_Occurred()) {
                PyObject *found = PyObject_CallFunction(glue, "OOnnO", clusters, marks,
                                                        previous, i, pending);
                if (found != NULL) {
                    glues = PySequence_Tuple(found);
                    Py_DECREF(found);
                }
                if (glues != NULL && PyDict_SetItem(made, key, glues) < 0)
                    Py_CLEAR(glues);
            }
            Py_DECREF(key);
            if (glues == NULL)
                goto done;
            Py_ssize_t count = PyTuple_GET_SIZE(glues);
            for (Py_ssize_t k = 0; k < count; k++)
                if (PyList_Append(out, PyTuple_GET_ITEM(glues, k)) < 0) {
                    Py_DECREF(glues);
                    goto done;
                }
            Py_DECREF(glues);
            if (append_n(sources, none_source, count) < 0)
                goto done;
        }
        if (PyList_Append(out, PyList_GET_ITEM(boxes, i)) < 0
            || PyList_Append(sources, PyTuple_GET_ITEM(cluster, CLUSTER_START)) < 0)
            goto done;
        previous = i;
        plain = 0;
        if (cls == han && mark == no_blanks) {
            int found = orphans_contain(&orphans, i);
            if (found < 0)
                goto done;
            plain = !found;
        }
        Py_SETREF(pending, Py_NewRef(Py_None));
    }
    result = previous < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(previous);
done:
    Py_DECREF(pending);
    Py_XDECREF(none_source);
    for (int k = 0; k < 4; k++)
        Py_XDECREF(names[k]);
    return result;
}

/* ---- overlong's wide runs --------------------------------------------------------- */

static int
field_double(PyObject *item, Py_ssize_t field, Py_ssize_t k, double *out)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) <= field) {
        PyErr_Format(PyExc_TypeError, "item %zd is not an item", k);
        return -1;
    }
    double d = PyFloat_AsDouble(PyTuple_GET_ITEM(item, field));
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    *out = d;
    return 0;
}

/* A box's or discretionary break's `width` (a Discretionary's is a property: 0.0). */
static int
item_width(PyObject *item, PyObject *box_type, Py_ssize_t k, double *out)
{
    if ((PyObject *)Py_TYPE(item) == box_type)
        return field_double(item, ITEM_WIDTH, k, out);
    PyObject *width = PyObject_GetAttrString(item, "width");
    if (width == NULL)
        return -1;
    double d = PyFloat_AsDouble(width);
    Py_DECREF(width);
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    *out = d;
    return 0;
}

static int
append_run(PyObject *wide, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *run = Py_BuildValue("(nn)", start, end);
    if (run == NULL)
        return -1;
    int failed = PyList_Append(wide, run);
    Py_DECREF(run);
    return failed;
}

/* wide_runs(items, limit, Box, Glue) -> [(start, end)]: overlong._wide_runs. */
static PyObject *
wide_runs(PyObject *module, PyObject *args)
{
    PyObject *seq, *box_type, *glue_type;
    double limit;
    if (!PyArg_ParseTuple(args, "OdOO:wide_runs", &seq, &limit, &box_type, &glue_type))
        return NULL;
    PyObject *fast = PySequence_Fast(seq, "wide_runs: items must be a sequence");
    if (fast == NULL)
        return NULL;
    PyObject *wide = PyList_New(0);
    if (wide == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **all = PySequence_Fast_ITEMS(fast);
    Py_ssize_t start = 0;
    double width = 0.0;
    int leading = 0; /* in the glue after a break, which a line does not start with */
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = all[k];
        if ((PyObject *)Py_TYPE(item) == glue_type) {
            if (PyTuple_GET_SIZE(item) <= GLUE_PENALTY) {
                PyErr_Format(PyExc_TypeError, "item %zd is not a Glue", k);
                goto error;
            }
            if (PyTuple_GET_ITEM(item, GLUE_PENALTY) != Py_None) {
                if (width > limit && append_run(wide, start, k) < 0)
                    goto error;
                width = 0.0;
                leading = 1;
                continue;
            }
            if (leading)
                continue;
            double w, shrink;
            if (field_double(item, ITEM_WIDTH, k, &w) < 0
                || field_double(item, GLUE_SHRINK, k, &shrink) < 0)
                goto error;
            width += w - shrink;
            continue;
        }
        if (leading) {
            start = k;
            leading = 0;
        }
        double w;
        if (item_width(item, box_type, k, &w) < 0)
            goto error;
        width += w;
    }
    if (width > limit && append_run(wide, start, n) < 0)
        goto error;
    Py_DECREF(fast);
    return wide;
error:
    Py_DECREF(fast);
    Py_DECREF(wide);
    return NULL;
}

/* ---- finalize's justification ------------------------------------------------------ */

/* Glue's stretch fields and StretchStep's values (items.py). */
enum { GLUE_STRETCH = 1, GLUE_STRETCH_STEP = 3 };
enum { STEP_WORD_SPACE = 1, STEP_HAN_LATIN = 2, STEP_INTER_CHARACTER = 3, STEP_NONE = 9 };

/* `total(values)` as a new float, by the `sum` the caller passes in (Python's builtin: its
   own order and rounding on every version), or -1.0 with *failed set. */
static double
summed(PyObject *sum, PyObject *values, int *failed)
{
    PyObject *total = PyObject_CallOneArg(sum, values);
    if (total == NULL) {
        *failed = 1;
        return -1.0;
    }
    double d = PyFloat_AsDouble(total);
    Py_DECREF(total);
    if (d == -1.0 && PyErr_Occurred())
        *failed = 1;
    return d;
}

/* The members of one stretch step (finalize._stretch's by_step[step]): item indices. */
typedef struct {
    Py_ssize_t *at;
    Py_ssize_t n;
} Members;

/* sizes[i] += items[i].stretch * take / available for every member (finalize._stretch's
   limited steps), or `each` added to every member; a new float in each place. */
static int
grow(PyObject *sizes, double *size, Members *m, double *stretch, double take, double available,
     int evenly, double each)
{
    for (Py_ssize_t j = 0; j < m->n; j++) {
        Py_ssize_t i = m->at[j];
        size[i] += evenly ? each : stretch[i] * take / available;
        PyObject *d = PyFloat_FromDouble(size[i]);
        if (d == NULL)
            return -1;
        PyList_SetItem(sizes, i, d); /* steals d, releases the old size */
    }
    return 0;
}

/* A line's sizes (finalize._line when the line is not too long): each item's width (the
   break width of the discretionary break it ends at), summed (`natural`), stretched to the
   measure by finalize._stretch when `justify` and shorter, summed again (`width`) — in the
   Python order (the sums are Python's `sum`, passed in). Returns 1 with the sizes (a new
   tuple) and the figures set, 0 where finalize's Python code is to set the line — it is
   too long (shrunk, finalize._shrink), still too wide after stretching (squeezed,
   finalize._squeeze), or holds what this does not read (an item of another type, a width or
   stretch that is not a float, a stretch step of another value, no item at all) —, -1 on
   an error. */
typedef struct {
    PyObject *sizes;
    double natural, width, spacing, short_by, word_spread;
} Sized;

static int
size_line(PyObject *fast, double measure, int justify, PyObject *box_type, PyObject *glue_type,
          PyObject *disc_type, PyObject *sum, Sized *out)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **all = PySequence_Fast_ITEMS(fast);
    int result = -1;
    PyObject *sizes = PyList_New(n);
    double *size = PyMem_Malloc(sizeof(double) * (size_t)(n ? 2 * n : 1));
    Py_ssize_t *at = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n ? 3 * n : 1));
    if (sizes == NULL || size == NULL || at == NULL) {
        if (sizes != NULL)
            PyErr_NoMemory();
        goto done;
    }
    double *stretch = size + n;
    /* by step, as finalize._stretch collects them (each step's indices in item order) */
    Members word = {at, 0}, han_latin = {at + n, 0}, inter = {at + 2 * n, 0};
    int other = n == 0; /* something only the Python code reads (an empty line: sum is 0) */
    for (Py_ssize_t i = 0; i < n && !other; i++) {
        PyObject *item = all[i], *width;
        PyObject *type = (PyObject *)Py_TYPE(item);
        if (type == disc_type) {
            /* `it.width` is 0.0 inside a line; the break width where the line ends */
            width = i == n - 1 && PyTuple_GET_SIZE(item) > ITEM_WIDTH
                        ? PyTuple_GET_ITEM(item, ITEM_WIDTH)
                        : NULL;
            if (i == n - 1 && (width == NULL || !PyFloat_CheckExact(width))) {
                other = 1;
                break;
            }
            size[i] = width == NULL ? 0.0 : PyFloat_AS_DOUBLE(width);
            width = width == NULL ? PyFloat_FromDouble(0.0) : Py_NewRef(width);
            if (width == NULL)
                goto done;
            PyList_SET_ITEM(sizes, i, width);
            stretch[i] = 0.0;
            continue;
        }
        if ((type != box_type && type != glue_type) || PyTuple_GET_SIZE(item) < 1
            || !PyFloat_CheckExact(PyTuple_GET_ITEM(item, ITEM_WIDTH))) {
            other = 1;
            break;
        }
        width = PyTuple_GET_ITEM(item, ITEM_WIDTH);
        size[i] = PyFloat_AS_DOUBLE(width);
        PyList_SET_ITEM(sizes, i, Py_NewRef(width));
        stretch[i] = 0.0;
        if (type != glue_type)
            continue;
        /* (a StretchStep is an IntEnum: an int, not an exact one) */
        if (PyTuple_GET_SIZE(item) <= GLUE_STRETCH_STEP
            || !PyFloat_CheckExact(PyTuple_GET_ITEM(item, GLUE_STRETCH))
            || !PyLong_Check(PyTuple_GET_ITEM(item, GLUE_STRETCH_STEP))) {
            other = 1;
            break;
        }
        stretch[i] = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(item, GLUE_STRETCH));
        int overflow = 0;
        long step = PyLong_AsLongAndOverflow(PyTuple_GET_ITEM(item, GLUE_STRETCH_STEP), &overflow);
        if (step == -1 && PyErr_Occurred())
            goto done;
        if (step == STEP_WORD_SPACE)
            word.at[word.n++] = i;
        else if (step == STEP_HAN_LATIN)
            han_latin.at[han_latin.n++] = i;
        else if (step == STEP_INTER_CHARACTER)
            inter.at[inter.n++] = i;
        else if (step != STEP_NONE || overflow)
            other = 1;
    }
    if (other) {
        result = 0;
        goto done;
    }
    int failed = 0;
    double natural = summed(sum, sizes, &failed);
    if (failed)
        goto done;
    if (natural > measure) {
        result = 0; /* shrunk: finalize._shrink */
        goto done;
    }
    double spacing = 0.0, short_by = 0.0, word_spread = 0.0;
    if (justify && measure - natural > 1e-9) {
        /* finalize._stretch: the limited steps in order, then the characters evenly */
        double gap = measure - natural;
        Members *limited[2] = {&word, &han_latin};
        for (int s = 0; s < 2; s++) {
            if (gap <= 0)
                break;
            Members *m = limited[s];
            PyObject *values = PyList_New(m->n);
            if (values == NULL)
                goto done;
            for (Py_ssize_t j = 0; j < m->n; j++) {
                PyObject *v = PyTuple_GET_ITEM(all[m->at[j]], GLUE_STRETCH);
                PyList_SET_ITEM(values, j, Py_NewRef(v));
            }
            double available = summed(sum, values, &failed);
            Py_DECREF(values);
            if (failed)
                goto done;
            if (available <= 0)
                continue;
            double take = available < gap ? available : gap; /* min(gap, available) */
            if (grow(sizes, size, m, stretch, take, available, 0, 0.0) < 0)
                goto done;
            gap -= take;
        }
        if (!(gap <= 1e-9)) { /* (as the Python test: a NaN gap goes on) */
            Members *rest = inter.n ? &inter : &word;
            if (rest->n) {
                double each = gap / (double)rest->n;
                if (grow(sizes, size, rest, stretch, 0.0, 0.0, 1, each) < 0)
                    goto done;
                if (rest == &inter)
                    spacing = each;
                else
                    word_spread = each; /* past the word spaces' stretch */
            }
            else
                short_by = gap;
        }
    }
    double width = summed(sum, sizes, &failed);
    if (failed)
        goto done;
    if (width > measure + 1e-6) {
        result = 0; /* squeezed: finalize._squeeze */
        goto done;
    }
    out->sizes = PyList_AsTuple(sizes);
    if (out->sizes == NULL)
        goto done;
    out->natural = natural;
    out->width = width;
    out->spacing = spacing;
    out->short_by = short_by;
    out->word_spread = word_spread;
    result = 1;
done:
    Py_XDECREF(sizes);
    PyMem_Free(size);
    PyMem_Free(at);
    return result;
}

/* justified(items, measure, justify, Box, Glue, Discretionary, sum)
       -> (sizes, natural, width, spacing, short, word_spread) | None:
   size_line of one line (finalize._line's sizes); None where the Python code sets it. */
static PyObject *
justified(PyObject *module, PyObject *args)
{
    PyObject *seq, *box_type, *glue_type, *disc_type, *sum;
    double measure;
    int justify;
    if (!PyArg_ParseTuple(args, "OdpOOOO:justified", &seq, &measure, &justify, &box_type,
                          &glue_type, &disc_type, &sum))
        return NULL;
    PyObject *fast = PySequence_Fast(seq, "justified: items must be a sequence");
    if (fast == NULL)
        return NULL;
    Sized sized;
    int done = size_line(fast, measure, justify, box_type, glue_type, disc_type, sum, &sized);
    Py_DECREF(fast);
    if (done < 0)
        return NULL;
    if (done == 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(Nddddd)", sized.sizes, sized.natural, sized.width, sized.spacing,
                         sized.short_by, sized.word_spread);
}

/* finalize._source_range: the range of the paragraph text the line's glyph runs set (0, 0
   without any), as two new ints in *start and *end. */
enum { GLYPH_TEXT = 0, GLYPH_SOURCE = 5 }; /* GlyphRun's fields (items.py) */

static int
has_runs(PyObject *item, PyObject *box_type)
{
    if ((PyObject *)Py_TYPE(item) != box_type || PyTuple_GET_SIZE(item) <= 1)
        return 0;
    return PyObject_IsTrue(PyTuple_GET_ITEM(item, 1));
}

static int
source_range(PyObject *items, PyObject *sources, PyObject *box_type, PyObject **start,
             PyObject **end)
{
    Py_ssize_t n = PyTuple_GET_SIZE(items), first = 0, last;
    int found = 0;
    while (first < n && !(found = has_runs(PyTuple_GET_ITEM(items, first), box_type)))
        first++;
    if (found < 0)
        return -1;
    if (first == n) {
        *start = PyLong_FromLong(0);
        *end = PyLong_FromLong(0);
        return *start == NULL || *end == NULL ? -1 : 0;
    }
    for (last = n - 1; !(found = has_runs(PyTuple_GET_ITEM(items, last), box_type)); last--)
        ;
    if (found < 0)
        return -1;
    if (PyTuple_GET_SIZE(sources) != n) {
        PyErr_SetString(PyExc_ValueError, "finalize: a source per item");
        return -1;
    }
    PyObject *head = PySequence_GetItem(PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, first), 1), 0);
    PyObject *tail = PySequence_GetItem(PyTuple_GET_ITEM(PyTuple_GET_ITEM(items, last), 1), -1);
    PyObject *length = NULL, *partial = NULL;
    int failed = -1;
    *start = *end = NULL;
    if (head == NULL || tail == NULL || !PyTuple_Check(head) || !PyTuple_Check(tail)
        || PyTuple_GET_SIZE(head) <= GLYPH_SOURCE || PyTuple_GET_SIZE(tail) <= GLYPH_SOURCE) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "finalize: a box's runs are glyph runs");
        goto done;
    }
    Py_ssize_t chars = PyObject_Length(PyTuple_GET_ITEM(tail, GLYPH_TEXT));
    if (chars < 0 || (length = PyLong_FromSsize_t(chars)) == NULL)
        goto done;
    *start = PyNumber_Add(PyTuple_GET_ITEM(sources, first), PyTuple_GET_ITEM(head, GLYPH_SOURCE));
    partial = PyNumber_Add(PyTuple_GET_ITEM(sources, last), PyTuple_GET_ITEM(tail, GLYPH_SOURCE));
    if (*start == NULL || partial == NULL)
        goto done;
    *end = PyNumber_Add(partial, length);
    failed = *end == NULL ? -1 : 0;
done:
    Py_XDECREF(head);
    Py_XDECREF(tail);
    Py_XDECREF(length);
    Py_XDECREF(partial);
    if (failed) {
        Py_CLEAR(*start);
        Py_CLEAR(*end);
    }
    return failed;
}

/* The Line of finalize._made_line: object.__new__(Line), its fields put in its instance
   dictionary in order (as its frozen dataclass __init__ leaves them); the values are
   stolen, also on failure. */
enum { LINE_FIELDS = 15 };

static PyObject *
made_line(PyObject *line_type, PyObject *object_new, PyObject *names, PyObject **values)
{
    PyObject *line = PyObject_CallOneArg(object_new, line_type), *dict = NULL;
    int failed = line == NULL;
    if (!failed) {
        dict = PyObject_GenericGetDict(line, NULL);
        failed = dict == NULL;
    }
    for (Py_ssize_t k = 0; k < LINE_FIELDS; k++) {
        if (!failed && PyDict_SetItem(dict, PyTuple_GET_ITEM(names, k), values[k]) < 0)
            failed = 1;
        Py_DECREF(values[k]);
    }
    Py_XDECREF(dict);
    if (failed)
        Py_CLEAR(line);
    return line;
}

/* Align's members, in the order the caller gives them (options.py). */
enum { ALIGN_START = 0, ALIGN_END = 1, ALIGN_CENTER = 2, ALIGN_JUSTIFY = 3 };

/* lines(items, breaks, measure, align, sources, (Box, Glue, Discretionary, sum),
         (Line, object.__new__, fields), other) -> [Line]: finalize.finalize — the items cut at
   the breaks (the glue after a break dropped, a discretionary break the line ends at kept),
   each line sized by size_line, placed by its alignment (`align`: an index of ALIGN_…) and
   made here; a line size_line leaves to Python is other(items, sources, last, overfull). */
static PyObject *
lines(PyObject *module, PyObject *args)
{
    PyObject *seq, *breaks_seq, *measure_obj, *source_seq, *types, *line_types, *other;
    int align;
    if (!PyArg_ParseTuple(args, "OOO!iOO!O!O:lines", &seq, &breaks_seq, &PyFloat_Type,
                          &measure_obj, &align, &source_seq, &PyTuple_Type, &types,
                          &PyTuple_Type, &line_types, &other))
        return NULL;
    PyObject *box_type, *glue_type, *disc_type, *sum, *line_type, *object_new, *names;
    if (!PyArg_ParseTuple(types, "OOOO:lines types", &box_type, &glue_type, &disc_type, &sum)
        || !PyArg_ParseTuple(line_types, "OOO!:lines Line", &line_type, &object_new,
                             &PyTuple_Type, &names))
        return NULL;
    if (PyTuple_GET_SIZE(names) != LINE_FIELDS || align < ALIGN_START || align > ALIGN_JUSTIFY) {
        PyErr_SetString(PyExc_ValueError, "lines: a Line's 15 fields and an alignment");
        return NULL;
    }
    double measure = PyFloat_AS_DOUBLE(measure_obj);
    PyObject *items = PySequence_Fast(seq, "lines: items must be a sequence");
    PyObject *breaks = items == NULL ? NULL : PySequence_Fast(breaks_seq, "lines: breaks");
    PyObject *out = breaks == NULL ? NULL : PyList_New(0);
    if (out == NULL)
        goto error;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items), count = PySequence_Fast_GET_SIZE(breaks);
    PyObject **all = PySequence_Fast_ITEMS(items);
    Py_ssize_t start = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *brk = PySequence_Fast_GET_ITEM(breaks, k);
        if (!PyTuple_Check(brk) || PyTuple_GET_SIZE(brk) < 2) {
            PyErr_SetString(PyExc_TypeError, "lines: a break is a Break");
            goto error;
        }
        Py_ssize_t position = PyLong_AsSsize_t(PyTuple_GET_ITEM(brk, 0));
        if (position == -1 && PyErr_Occurred())
            goto error;
        PyObject *overfull = PyTuple_GET_ITEM(brk, 1);
        while (start < n) { /* glue after a break is dropped */
            int is_box = PyObject_IsInstance(all[start], box_type);
            if (is_box < 0)
                goto error;
            if (is_box)
                break;
            start++;
        }
        int last = k == count - 1;
        if (position < 0 || position > n) {
            PyErr_SetString(PyExc_ValueError, "lines: a break's position is in the items");
            goto error;
        }
        Py_ssize_t end = position;
        if (end < n && (PyObject *)Py_TYPE(all[end]) == disc_type)
            end++; /* the discretionary break the line ends at: its last item */
        PyObject *line_items = PySequence_GetSlice(items, start, end);
        PyObject *line_sources = PySequence_GetSlice(source_seq, start, end);
        PyObject *line = NULL;
        if (line_items == NULL || line_sources == NULL)
            goto line_done;
        int justify = align == ALIGN_JUSTIFY && !last;
        Sized sized;
        PyObject *fast = PySequence_Fast(line_items, "lines: items");
        int done = fast == NULL ? -1
                                : size_line(fast, measure, justify, box_type, glue_type,
                                            disc_type, sum, &sized);
        Py_XDECREF(fast);
        if (done == 0) {
            line = PyObject_CallFunction(other, "OOOO", line_items, line_sources,
                                         last ? Py_True : Py_False, overfull);
            goto line_done;
        }
        if (done < 0)
            goto line_done;
        double offset = 0.0;
        if (!justify) {
            double free = measure - sized.width;
            if (align == ALIGN_CENTER)
                offset = free / 2;
            else if (align == ALIGN_END)
                offset = free;
        }
        PyObject *values[LINE_FIELDS] = {
            PySequence_Tuple(line_items), sized.sizes, PySequence_Tuple(line_sources),
            PyFloat_FromDouble(offset), Py_NewRef(measure_obj),
            PyFloat_FromDouble(sized.width), PyFloat_FromDouble(sized.natural), NULL, NULL,
            Py_NewRef(last ? Py_True : Py_False), PyFloat_FromDouble(sized.spacing),
            Py_NewRef(overfull), PyFloat_FromDouble(sized.short_by), PyFloat_FromDouble(1.0),
            PyFloat_FromDouble(sized.word_spread)};
        int failed = 0;
        for (int f = 0; f < LINE_FIELDS; f++)
            if (values[f] == NULL && f != 7 && f != 8)
                failed = 1;
        if (!failed && source_range(values[0], values[2], box_type, &values[7], &values[8]) < 0)
            failed = 1;
        if (failed) {
            for (int f = 0; f < LINE_FIELDS; f++)
                Py_XDECREF(values[f]);
            goto line_done;
        }
        line = made_line(line_type, object_new, names, values);
    line_done:
        Py_XDECREF(line_items);
        Py_XDECREF(line_sources);
        if (line == NULL)
            goto error;
        int appended = PyList_Append(out, line);
        Py_DECREF(line);
        if (appended < 0)
            goto error;
        start = position + 1;
    }
    Py_DECREF(items);
    Py_DECREF(breaks);
    return out;
error:
    Py_XDECREF(items);
    Py_XDECREF(breaks);
    Py_XDECREF(out);
    return NULL;
}

/* ---- finalize's runs ------------------------------------------------------------- */

/* GlyphRun's fields, by index (items.py), and a Box's and a Discretionary's runs. */
enum { RUN_TEXT = 0, RUN_FACE = 1, RUN_OFFSET = 2, RUN_ADVANCE = 3, RUN_SCALE = 4,
       RUN_FIELDS = 7, BOX_RUNS = 1, DISC_RUNS = 1 };

/* The run being merged (finalize._merged's run_… variables). */
typedef struct {
    PyObject *out;        /* the list of LineRun */
    PyTypeObject *type;   /* LineRun */
    PyObject *text;       /* run_text: NULL when "" */
    PyObject *face;       /* run_face (borrowed from a glyph run, alive with the line) */
    double x, next_x, space;
    int has_space, single;
    double em;
} Merger;

static PyObject *
as_float(double d)
{
    return PyFloat_FromDouble(d);
}

/* LineRun(text, face, inline, advance, scale, char_space) appended; `scale` and `advance`
   given as objects (passed through as the Python code passes them), or NULL for a double. */
static int
emit(Merger *m, PyObject *text, PyObject *face, double inline_, PyObject *advance_obj,
     double advance, PyObject *scale_obj, double char_space)
{
    PyObject *fields[6];
    fields[0] = Py_NewRef(text);
    fields[1] = Py_NewRef(face);
    fields[2] = as_float(inline_);
    fields[3] = advance_obj != NULL ? Py_NewRef(advance_obj) : as_float(advance);
    fields[4] = scale_obj != NULL ? Py_NewRef(scale_obj) : as_float(1.0);
    fields[5] = as_float(char_space);
    for (int k = 0; k < 6; k++)
        if (fields[k] == NULL) {
            for (int j = 0; j < 6; j++)
                Py_XDECREF(fields[j]);
            return -1;
        }
    PyObject *run = new_record(m->type, 6, fields);
    if (run == NULL)
        return -1;
    int failed = PyList_Append(m->out, run);
    Py_DECREF(run);
    return failed;
}

/* The run merged so far, appended (`run_space or 0.0`: no spacing, or -0.0, is 0.0). */
static int
flush(Merger *m)
{
    if (m->text == NULL)
        return 0;
    double space = (m->has_space && m->space != 0.0) ? m->space : 0.0;
    int failed = emit(m, m->text, m->face, m->x, NULL, m->next_x - m->x, NULL, space);
    Py_CLEAR(m->text);
    return failed;
}

/* One placed glyph run (finalize._placed's fields) into the merger (finalize._merged). */
static int
merge(Merger *m, PyObject *text, PyObject *face, double inline_, PyObject *advance_obj,
      double advance, PyObject *scale_obj, double scale)
{
    if (face == Py_None) {
        if (flush(m) < 0)
            return -1;
        return emit(m, text, Py_None, inline_, advance_obj, advance, scale_obj, 0.0);
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "runs: a glyph run's text must be a str");
        return -1;
    }
    if (m->text != NULL && m->single && scale == 1.0 && PyUnicode_GET_LENGTH(text) == 1) {
        int same = PyObject_RichCompareBool(m->face, face, Py_EQ);
        if (same < 0)
            return -1;
        if (same) {
            double gap = inline_ - m->next_x;
            if (!m->has_space && fabs(gap) < m->em) {
                m->space = gap;
                m->has_space = 1;
            }
            if (m->has_space && fabs(gap - m->space) < 1e-6) {
                PyUnicode_Append(&m->text, text);
                if (m->text == NULL)
                    return -1;
                m->next_x = inline_ + advance;
                return 0;
            }
        }
    }
    if (flush(m) < 0)
        return -1;
    if (scale != 1.0)
        return emit(m, text, face, inline_, advance_obj, advance, scale_obj, 0.0);
    m->text = Py_NewRef(text);
    m->face = face;
    m->x = inline_;
    m->has_space = 0;
    m->single = PyUnicode_GET_LENGTH(text) == 1;
    m->next_x = inline_ + advance;
    return 0;
}

/* A glyph run's field as a double. */
static int
run_double(PyObject *run, Py_ssize_t field, double *out)
{
    double d = PyFloat_AsDouble(PyTuple_GET_ITEM(run, field));
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    *out = d;
    return 0;
}

/* The runs of a box or a break, placed from `x` (scaled by `squeeze`, or, for a break's,
   always multiplied as the Python code does), into the merger. */
static int
place_runs(Merger *m, PyObject *runs, double x, double squeeze, int always)
{
    if (!PyTuple_Check(runs)) {
        PyErr_SetString(PyExc_TypeError, "runs: a box's runs must be a tuple");
        return -1;
    }
    for (Py_ssize_t r = 0; r < PyTuple_GET_SIZE(runs); r++) {
        PyObject *run = PyTuple_GET_ITEM(runs, r);
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != RUN_FIELDS) {
            PyErr_SetString(PyExc_TypeError, "runs: a glyph run must be a GlyphRun");
            return -1;
        }
        double at, advance, scale;
        if (run_double(run, RUN_OFFSET, &at) < 0 || run_double(run, RUN_ADVANCE, &advance) < 0
            || run_double(run, RUN_SCALE, &scale) < 0)
            return -1;
        PyObject *advance_obj = PyTuple_GET_ITEM(run, RUN_ADVANCE);
        PyObject *scale_obj = PyTuple_GET_ITEM(run, RUN_SCALE);
        int failed;
        if (always || squeeze != 1.0) {
            at = at * squeeze;
            advance = advance * squeeze;
            scale = scale * squeeze;
            PyObject *a = as_float(advance), *s = as_float(scale);
            failed = a == NULL || s == NULL
                     || merge(m, PyTuple_GET_ITEM(run, RUN_TEXT), PyTuple_GET_ITEM(run, RUN_FACE),
                              x + at, a, advance, s, scale) < 0;
            Py_XDECREF(a);
            Py_XDECREF(s);
        }
        else
            failed = merge(m, PyTuple_GET_ITEM(run, RUN_TEXT), PyTuple_GET_ITEM(run, RUN_FACE),
                           x + at, advance_obj, advance, scale_obj, scale) < 0;
        if (failed)
            return -1;
    }
    return 0;
}

/* runs(items, sizes, offset, squeeze, em, Box, Discretionary, LineRun) -> [LineRun]:
   finalize._merged over finalize._placed (Line.runs): the glyph runs of the line's boxes at
   their places, then the runs of the break it ends at, merged where they may be. */
static PyObject *
runs(PyObject *module, PyObject *args)
{
    PyObject *line_items, *sizes, *box_type, *disc_type, *run_type;
    double offset, squeeze, em;
    if (!PyArg_ParseTuple(args, "O!O!dddOOO:runs", &PyTuple_Type, &line_items, &PyTuple_Type,
                          &sizes, &offset, &squeeze, &em, &box_type, &disc_type, &run_type))
        return NULL;
    if (check_record_type(run_type, "LineRun") < 0)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(line_items);
    if (PyTuple_GET_SIZE(sizes) != n) {
        PyErr_SetString(PyExc_ValueError, "runs: a size per item");
        return NULL;
    }
    Merger m = {.out = PyList_New(0), .type = (PyTypeObject *)run_type, .em = em};
    if (m.out == NULL)
        return NULL;
    double x = offset;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyTuple_GET_ITEM(line_items, k);
        double size = PyFloat_AsDouble(PyTuple_GET_ITEM(sizes, k));
        if (size == -1.0 && PyErr_Occurred())
            goto error;
        if ((PyObject *)Py_TYPE(item) == box_type) {
            if (PyTuple_GET_SIZE(item) <= BOX_RUNS) {
                PyErr_SetString(PyExc_TypeError, "runs: a Box without runs");
                goto error;
            }
            if (place_runs(&m, PyTuple_GET_ITEM(item, BOX_RUNS), x, squeeze, 0) < 0)
                goto error;
        }
        x += size;
    }
    if (n > 0 && (PyObject *)Py_TYPE(PyTuple_GET_ITEM(line_items, n - 1)) == disc_type) {
        /* The hyphen, drawn at the line end. */
        PyObject *taken = PyTuple_GET_ITEM(line_items, n - 1);
        double last = PyFloat_AsDouble(PyTuple_GET_ITEM(sizes, n - 1));
        if (last == -1.0 && PyErr_Occurred())
            goto error;
        if (PyTuple_GET_SIZE(taken) <= DISC_RUNS) {
            PyErr_SetString(PyExc_TypeError, "runs: a Discretionary without runs");
            goto error;
        }
        if (place_runs(&m, PyTuple_GET_ITEM(taken, DISC_RUNS), x - last, squeeze, 1) < 0)
            goto error;
    }
    if (flush(&m) < 0)
        goto error;
    return m.out;
error:
    Py_XDECREF(m.text);
    Py_DECREF(m.out);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"collect", collect, METH_VARARGS,
     "collect(text, classes, singles, long_first, Cluster, other) -> [Cluster]: "
     "collect.collect's loop, a character of a class in singles here, any other position "
     "by other(text, i, clusters) -> next."},
    {"attaching", attaching, METH_VARARGS,
     "attaching(clusters, symbol, marks) -> bool: whether a symbol cluster is one of marks."},
    {"items", items, METH_VARARGS,
     "items(clusters, boxes, marks, items, sources, orphaning, (han, space, break), "
     "(between_han, no_blanks, 0.0), (glue, space), made, signs) -> previous: "
     "prepare._items's "
     "loop."},
    {"runs", runs, METH_VARARGS,
     "runs(items, sizes, offset, squeeze, em, Box, Discretionary, LineRun) -> [LineRun]: "
     "finalize._merged of a line (Line.runs)."},
    {"seen_boxes", seen_boxes, METH_VARARGS,
     "seen_boxes(clusters, seen) -> (boxes, unseen): the boxes seen kept by cluster text "
     "(None: not seen) and the indices of the unseen."},
    {"han_boxes", han_boxes, METH_VARARGS,
     "han_boxes(clusters, unseen, boxes, seen, glyph, em, (han, upright), (GlyphRun, Box)) "
     "-> rest: boxes.cluster_boxes's boxes of single Han characters a face has, the "
     "indices of the others returned."},
    {"justified", justified, METH_VARARGS,
     "justified(items, measure, justify, Box, Glue, Discretionary, sum) -> (sizes, natural, "
     "width, spacing, short) | None: finalize._line's sizes of a line not too long."},
    {"lines", lines, METH_VARARGS,
     "lines(items, breaks, measure, align, sources, (Box, Glue, Discretionary, sum), "
     "(Line, object.__new__, fields), other) -> [Line]: finalize.finalize."},
    {"wide_runs", wide_runs, METH_VARARGS,
     "wide_runs(items, limit, Box, Glue) -> [(start, end)]: overlong._wide_runs."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "layout.text._loops",
    .m_doc = "The compiled inner loops of layout.text.collect and layout.text.prepare, "
             "identical in results to their Python reference.",
    .m_size = 0,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__loops(void)
{
    return PyModule_Create(&module_def);
}
